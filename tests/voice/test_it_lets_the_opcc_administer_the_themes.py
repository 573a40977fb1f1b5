"""The OPCC administers the theme taxonomy in the admin pages: the three themes are seeded;
sub-themes are added or retired, never deleted (coding done with them is kept)."""

from __future__ import annotations

import pytest

from victimcare.voice.models import SubTheme, Theme

pytestmark = pytest.mark.django_db


def test_it_seeds_the_three_themes_with_sub_themes():
    assert list(Theme.objects.values_list("name", flat=True)) == [
        "Reporting and communication",
        "The investigative and criminal justice process",
        "The impact on the victim",
    ]
    assert all(theme.subthemes.count() >= 5 for theme in Theme.objects.all())


def test_it_lets_an_administrator_add_a_sub_theme(client_for):
    theme = Theme.objects.get(name="The impact on the victim")
    response = client_for("adam").post(
        "/admin/voice/subtheme/add/",
        {"theme": theme.pk, "name": "Loss of trust", "position": 9, "active": "on"},
    )
    assert response.status_code == 302
    assert SubTheme.objects.filter(theme=theme, name="Loss of trust", active=True).exists()


def test_it_never_deletes_a_sub_theme(client_for):
    sub = SubTheme.objects.first()
    assert sub is not None
    assert client_for("adam").get(f"/admin/voice/subtheme/{sub.pk}/delete/").status_code == 403


@pytest.mark.parametrize("persona", ["chad", "sue", "ana"])
def test_it_keeps_the_admin_pages_to_administrators(client_for, persona):
    assert client_for(persona).get("/admin/voice/theme/", follow=True).status_code == 404
