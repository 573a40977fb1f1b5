"""The Django admin is for administrators, and they can manage what it shows: what each model's
pages allow is the capability table's USE_ADMIN_SITE (asked with `can`), not Django's model
permissions, which no persona holds. Anyone else gets the ordinary "Page not found"."""

from __future__ import annotations

import pytest

from victimcare.accounts.models import Organisation, Team, User

pytestmark = pytest.mark.django_db

CHANGELISTS = ("/admin/accounts/organisation/", "/admin/accounts/team/", "/admin/accounts/user/")


def test_an_administrator_opens_every_changelist_on_the_index(client_for):
    adam = client_for("adam")
    index = adam.get("/admin/").content.decode()
    for url in CHANGELISTS:
        assert f'href="{url}"' in index, url
        response = adam.get(url)
        assert response.status_code == 200, url


def test_an_administrator_opens_and_changes_a_team(client_for):
    team = Team.objects.get(name="Victim care North")
    adam = client_for("adam")
    assert adam.get(f"/admin/accounts/team/{team.id}/change/").status_code == 200
    response = adam.post(
        f"/admin/accounts/team/{team.id}/change/",
        {"name": "Victim care North and Durham City", "organisation": team.organisation_id},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    team.refresh_from_db()
    assert team.name == "Victim care North and Durham City"


def test_an_administrator_opens_a_user_but_cannot_make_a_superuser(client_for, personas):
    cara = personas["cara"]
    adam = client_for("adam")
    page = adam.get(f"/admin/accounts/user/{cara.id}/change/")
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()  # shown, not changeable
    assert 'name="user_permissions"' not in page.content.decode()


def test_records_are_not_deleted_from_the_admin(client_for, personas):
    """Staff and organisations are pointed at by the audit trail: a user is made inactive."""
    adam = client_for("adam")
    org = Organisation.objects.first()
    assert org is not None
    for url in (
        f"/admin/accounts/organisation/{org.id}/delete/",
        f"/admin/accounts/user/{personas['cara'].id}/delete/",
    ):
        assert adam.get(url).status_code == 403, url
    assert User.objects.filter(username="cara").exists()


@pytest.mark.parametrize("username", ["cara", "sue", "ana"])
def test_anyone_else_gets_page_not_found(client_for, username):
    client = client_for(username)
    for url in ("/admin/", *CHANGELISTS, "/admin/accounts/team/add/"):
        response = client.get(url, follow=True)
        assert response.status_code == 404, (username, url)


def test_a_caseworker_with_the_staff_flag_is_still_refused(client_for, personas):
    """Django's is_staff flag alone is no way in: the capability decides."""
    User.objects.filter(username="cara").update(is_staff=True)
    client = client_for("cara")
    for url in ("/admin/", *CHANGELISTS):
        assert client.get(url, follow=True).status_code == 404, url
