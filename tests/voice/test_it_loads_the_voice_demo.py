"""`manage.py voice_demo` (run by demo_setup) gives chad engagements, themes, an approved case
study and a published recommendation, through the services; a second run adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from victimcare.voice.models import CaseStudy, Concern, Engagement, Recommendation

pytestmark = pytest.mark.django_db


def test_it_loads_once(personas):
    call_command("voice_demo", engagements=12, seed=3)
    assert Engagement.objects.filter(champion=personas["chad"]).count() == 12
    assert Concern.objects.count() >= 12
    assert CaseStudy.objects.get().status == "approved"
    assert Recommendation.objects.get().published_at is not None
    call_command("voice_demo", engagements=12, seed=3)
    assert Engagement.objects.count() == 12
    page = Client().get(f"/you-said-we-did/{personas['sue'].organisation_id}/").content.decode()
    assert "Victims are now called within a day" in page
