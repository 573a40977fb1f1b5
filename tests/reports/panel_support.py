"""Seeded data for the Panel pack tests: the attrition victims (24 cases opened this quarter,
two groups of 2 in the split by sex) and a way to draft a pack through the pages."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from victimcare.reports.models import PanelPack
from victimcare.reports.selectors import QUARTER, period_start


def this_quarter() -> str:
    return period_start(timezone.localdate(), QUARTER).isoformat()


def draft_through_the_page(client: Client) -> PanelPack:
    response = client.post("/compliance/panel/", {"quarter": this_quarter()})
    assert response.status_code == 302, response.content
    return PanelPack.objects.get(quarter_start=this_quarter())


def submitted_and_approved(client_for: Any) -> PanelPack:
    ana, sue = client_for("ana"), client_for("sue")
    pack = draft_through_the_page(ana)
    ana.post(
        f"/compliance/panel/{pack.pk}/commentary/", {"commentary-attrition": "Women are charged more often."}
    )
    assert ana.post(f"/compliance/panel/{pack.pk}/submit/").status_code == 302
    assert sue.post(f"/compliance/panel/{pack.pk}/approve/").status_code == 302
    pack.refresh_from_db()
    return pack
