"""Every list, search result, drill-down and export answers with one audit row saying what it
showed, how many records and which (tests/access/urlconf.py reads the pages from the URLconf).

Each staff page with no path parameter is asked for by every staff persona; each answer of 200
must have written exactly one list row (LIST, SEARCH or EXPORT) with its count and ids, unless the
page is in NO_VICTIM_DATA, which says why it shows no victim's data. A new list is covered
without anyone naming it: it fails here until it audits, or is listed with its reason."""

from __future__ import annotations

import pytest

from tests.access.urlconf import url_patterns
from victimcare.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

LISTED = (Action.LIST, Action.SEARCH, Action.EXPORT)
# Pages that name no victim and show none of their data, and why.
NO_VICTIM_DATA = {
    "": "the landing redirect",
    "healthz": "a health check",
    "sign-in/": "staff sign-in",
    "sign-in/security-code/": "staff sign-in",
    "sign-in/set-up/": "staff sign-in",
    "sign-out/": "staff sign-out",
    "staff/": "staff users, not victims",
    "staff/new/": "a form to add a member of staff",
    "messages/templates/": "message templates, with sample words",
    "messages/reminders/": "the user's own reminder settings",
    "messages/callbacks/notify/": "GOV.UK Notify's callback (POST only)",
    "rules/": "the Victims' Code's rules",
    "compliance/": "compliance figures, no victim named",
    "compliance/return/": "the quarterly return's figures",
    "services/": "the services directory",
    "services/new/": "a form to add a service",
    "services/response-times/": "providers' response times, figures only",
    "marac/new/": "a form to add a meeting",
    "feedback/": "survey figures, no victim named",
    "voice/": "the Champion's own engagements (audited as the Champion's workspace)",
    "voice/engagements/new/": "a form",
    "voice/themes/": "theme counts",
    "voice/case-studies/": "anonymised case studies (audited as a look)",
    "voice/case-studies/new/": "a form",
    "voice/recommendations/": "recommendations to partners (audited as a look)",
    "voice/recommendations/new/": "a form",
    "area/": "police.uk figures for the area (audited as a look)",
    "people/new/": "a form to add a victim",
    "data-protection/requests/new/": "a form to record a subject access request",
    "compliance/commissioning/": "commissioning figures, no victim named",
    "compliance/panel/": "the Panel packs, figures only",
    "voice/panel/": "the advisory panel's members and meetings: volunteers, not victims' records",
    "voice/panel/members/new/": "a form to add a panel member",
    "voice/panel/meetings/new/": "a form to add a panel meeting",
    "voice/panel/actions/": "the panel's actions for partners, no victim named",
    "voice/annual-reports/": "the Champions' annual reports, figures and cleared quotes",
    "voice/annual-reports/new/": "a form to start an annual report",
    "data-protection/retention/schedule/": "the retention schedule: periods, no victim named",
}
# Query strings that make a page show what it lists (a search needs its words).
YEAR = "start_day=1&start_month=1&start_year=2026&end_day=31&end_month=12&end_year=2026"
QUERY = {
    "cases/search/": "?q=Smith",
    "audit/": "?q=Smith",
    "compliance/cases/": f"?{YEAR}&by=rule&key=R1_NEEDS",
}


def _staff_lists() -> list[str]:
    return [
        p.route
        for p in url_patterns()
        if not p.params
        and not p.route.startswith(("portal/", "api/", "admin/"))
        and p.route not in NO_VICTIM_DATA
    ]


def test_it_writes_one_list_row_per_look_at_every_list(client_for, personas, case_a, case_court, case_other):
    failures, seen = [], set()
    for route in _staff_lists():
        path = "/" + route + QUERY.get(route, "")
        for persona in personas:
            before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
            response = client_for(persona).get(path)
            if response.status_code != 200:
                continue
            seen.add(route)
            rows = list(AuditEvent.objects.filter(id__gt=before, action__in=LISTED))
            if len(rows) != 1:
                failures.append(f"{persona} GET {path}: {len(rows)} list rows")
                continue
            row = rows[0]
            if (
                not isinstance(row.changes.get("shown"), int)
                or len(row.changes.get("ids", [])) > row.changes["shown"]
            ):
                failures.append(f"{persona} GET {path}: no count of what was shown ({row.changes})")
            if row.actor != personas[persona]:
                failures.append(f"{persona} GET {path}: the row names {row.actor_label}")
    assert not failures, "\n".join(failures)
    # Every list was seen by someone (a page nobody may open would test nothing).
    assert set(_staff_lists()) - seen <= {"messages/mailbox/"}, set(_staff_lists()) - seen


def test_the_caseload_row_names_the_cases_shown(client_for, case_a, case_b, case_court):
    client_for("sue").get("/cases/")
    row = AuditEvent.objects.filter(action=Action.LIST, detail__startswith="caseload").latest("id")
    assert row.changes["shown"] == 3 and set(row.changes["ids"]) == {case_a.id, case_b.id, case_court.id}
    assert row.changes["of"] == "victimcase" and row.category == "consultation"


def test_a_list_that_shows_no_one_says_0(client_for, personas):
    client_for("cara").get("/cases/")
    row = AuditEvent.objects.filter(action=Action.LIST, detail__startswith="caseload").latest("id")
    assert row.changes["shown"] == 0 and row.changes["ids"] == [] and row.detail.endswith(": 0 shown")


def test_an_export_is_a_disclosure(client_for, case_a):
    response = client_for("sue").get("/compliance/export.csv")
    assert response.status_code == 200
    row = AuditEvent.objects.filter(action=Action.EXPORT).latest("id")
    assert row.category == "disclosure" and row.detail.startswith("compliance figures download (csv)")


def test_the_ids_are_capped_but_the_count_is_not(rf, personas):
    from victimcare.audit.services import LISTED_IDS_CAP, audit_list

    request = rf.get("/cases/")
    request.user = personas["sue"]
    row = audit_list(request, what="a long list", rows=list(range(1, LISTED_IDS_CAP + 51)), of="victimcase")
    assert row.changes["shown"] == LISTED_IDS_CAP + 50 and len(row.changes["ids"]) == LISTED_IDS_CAP
