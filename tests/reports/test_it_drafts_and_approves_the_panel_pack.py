"""The Panel pack is drafted by an analyst, commented, submitted (its figures frozen) and
approved by a victim care supervisor; each step is audited and only the OPCC's preparers and
approvers see any of it."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import make_case, make_person
from tests.reports.conftest import VICTIMS
from tests.reports.panel_support import draft_through_the_page, submitted_and_approved, this_quarter
from victimcare.audit.models import Action, AuditEvent
from victimcare.cases.services import event_record
from victimcare.reports import panel, panel_sections
from victimcare.reports.models import PackStatus, PanelPack

pytestmark = pytest.mark.django_db


def test_it_goes_from_draft_to_approved_by_another_user(client_for, personas, attrition_victims):
    ana, sue = client_for("ana"), client_for("sue")
    pack = draft_through_the_page(ana)
    assert pack.status == PackStatus.DRAFT and pack.prepared_by == personas["ana"]
    page = ana.get(f"/compliance/panel/{pack.pk}/")
    assert page.status_code == 200
    assert b"Attrition and equality" in page.content and b'name="commentary-attrition"' in page.content

    response = ana.post(
        f"/compliance/panel/{pack.pk}/commentary/", {"commentary-court": "Waits are falling."}
    )
    assert response.status_code == 302
    pack.refresh_from_db()
    assert pack.commentary_for("court") == "Waits are falling."

    # The analyst cannot approve: they prepare, and approving is for someone else.
    ana.post(f"/compliance/panel/{pack.pk}/submit/")
    ana.post(f"/compliance/panel/{pack.pk}/approve/")
    pack.refresh_from_db()
    assert pack.status == PackStatus.SUBMITTED and pack.snapshot is not None
    assert pack.submitted_by == personas["ana"] and pack.approved_by is None

    # Once submitted, the commentary is fixed.
    ana.post(f"/compliance/panel/{pack.pk}/commentary/", {"commentary-court": "Changed later."})
    pack.refresh_from_db()
    assert pack.commentary_for("court") == "Waits are falling."

    assert b"Approve the pack" in sue.get(f"/compliance/panel/{pack.pk}/").content
    assert sue.post(f"/compliance/panel/{pack.pk}/approve/").status_code == 302
    pack.refresh_from_db()
    assert pack.status == PackStatus.APPROVED and pack.approved_by == personas["sue"]
    details = list(
        AuditEvent.objects.filter(object_type="panelpack", object_id=str(pack.pk), action=Action.UPDATE)
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details[0] == "Panel pack commentary: court"
    assert details[1].startswith("Panel pack submitted") and details[2] == "Panel pack approved"


def test_a_supervisor_can_send_a_submitted_pack_back_to_draft(client_for, attrition_victims):
    ana, sue = client_for("ana"), client_for("sue")
    pack = draft_through_the_page(ana)
    ana.post(f"/compliance/panel/{pack.pk}/submit/")
    sue.post(f"/compliance/panel/{pack.pk}/send-back/", {"reason": ""})
    pack.refresh_from_db()
    assert pack.status == PackStatus.SUBMITTED  # a reason is needed
    sue.post(f"/compliance/panel/{pack.pk}/send-back/", {"reason": "Add commentary on court delays"})
    pack.refresh_from_db()
    assert pack.status == PackStatus.DRAFT and pack.snapshot is None and pack.submitted_by is None


def test_one_pack_per_quarter(client_for, attrition_victims):
    ana = client_for("ana")
    draft_through_the_page(ana)
    response = ana.post("/compliance/panel/", {"quarter": this_quarter()})
    assert response.status_code == 200
    assert b"There is already a Panel pack for this quarter" in response.content
    assert PanelPack.objects.count() == 1


def test_the_database_refuses_an_approval_by_the_submitter(client_for, personas, attrition_victims):
    from django.db import IntegrityError, transaction

    pack = submitted_and_approved(client_for)
    with pytest.raises(IntegrityError), transaction.atomic():
        PanelPack.objects.filter(pk=pack.pk).update(approved_by=personas["ana"])


def test_an_approved_pack_does_not_change_when_new_data_is_recorded(client_for, personas, attrition_victims):
    ana = client_for("ana")
    pack = submitted_and_approved(client_for)
    frozen = pack.snapshot
    before_tables = _tables(ana.get(f"/compliance/panel/{pack.pk}/").content)
    before_xlsx = _cells(ana.get(f"/compliance/panel/{pack.pk}/pack.xlsx").content)

    _more_victims_this_quarter(personas)

    pack.refresh_from_db()
    assert pack.snapshot == frozen
    assert _tables(ana.get(f"/compliance/panel/{pack.pk}/").content) == before_tables
    assert _cells(ana.get(f"/compliance/panel/{pack.pk}/pack.xlsx").content) == before_xlsx
    # The live figures did change, so the checks above could have failed.
    today = timezone.localdate()
    live = panel.to_json(
        panel_sections.pack_sections(personas["ana"], panel.Quarter(pack.quarter_start), today), today
    )
    assert frozen is not None and live["sections"] != frozen["sections"]


def _more_victims_this_quarter(personas) -> None:
    """The same 24 victims again, with new references: every count in the quarter doubles."""
    cole, olly = personas["cole"], personas["olly"]
    when = timezone.now() - timedelta(days=1)
    for i, (sex, charged, _) in enumerate(VICTIMS):
        person = make_person(cole, first_name=f"W{i}", last_name="Later", sex=sex)
        case = make_case(cole, person=person, team="Victim care South", reference=f"DU/8{i:04d}/26")
        if charged:
            event_record(actor=olly, case=case, type="suspect_charged", occurred_at=when)


def _tables(html: bytes) -> list[str]:
    return re.findall(r"<table.*?</table>", html.decode(), flags=re.S)


def _cells(xlsx: bytes) -> list[list[object]]:
    book = load_workbook(io.BytesIO(xlsx))
    return [[c.value for c in row] for sheet in book for row in sheet.iter_rows()]


OUTSIDERS = ("cara", "cole", "olly", "fran", "wendy", "pat", "chad", "adam", "otto")


@pytest.mark.parametrize("username", OUTSIDERS)
def test_everyone_else_gets_page_not_found(client_for, username, attrition_victims):
    pack = draft_through_the_page(client_for("ana"))
    client = client_for(username)
    for url in ("/compliance/panel/", f"/compliance/panel/{pack.pk}/", f"/compliance/panel/{pack.pk}/pack.pdf",
                f"/compliance/panel/{pack.pk}/pack.xlsx"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    for action in ("commentary", "submit", "approve", "send-back"):
        assert client.post(f"/compliance/panel/{pack.pk}/{action}/", {"reason": "x"}).status_code == 404
    pack.refresh_from_db()
    assert pack.status == PackStatus.DRAFT


def test_another_offices_pack_is_page_not_found(client_for, personas, attrition_victims):
    from victimcare.accounts.models import Organisation

    other = Organisation.objects.get(name="Cleveland Police and Crime Commissioner")
    pack = PanelPack.objects.create(
        organisation=other, quarter_start=this_quarter(), prepared_by=personas["otto"]
    )
    for who in ("ana", "sue"):
        assert client_for(who).get(f"/compliance/panel/{pack.pk}/").status_code == 404
        assert client_for(who).get(f"/compliance/panel/{pack.pk}/pack.pdf").status_code == 404


def test_every_look_is_audited(client_for, attrition_victims):
    ana = client_for("ana")
    pack = draft_through_the_page(ana)
    for suffix in ("", "pack.pdf", "pack.xlsx"):
        assert ana.get(f"/compliance/panel/{pack.pk}/{suffix}").status_code == 200
    looks = AuditEvent.objects.filter(object_type="panelpack", object_id=str(pack.pk), action=Action.VIEW)
    assert sorted(looks.values_list("detail", flat=True)) == sorted(
        f"Panel pack {pack.quarter_start}: {what}" for what in ("page", "download (pdf)", "download (xlsx)")
    )


def test_the_pack_carries_the_commissioning_evidence_as_its_page_counts_it(
    client_for, personas, attrition_victims
):
    from victimcare.reports import commissioning

    pack = draft_through_the_page(client_for("ana"))
    quarter = panel.Quarter(pack.quarter_start)
    [section] = [s for s in panel_sections.pack_sections(personas["ana"], quarter, timezone.localdate())
                 if s.key == "commissioning"]  # fmt: skip
    page = commissioning.commissioning_figures(
        personas["ana"],
        commissioning.CommissioningFilters(start=quarter.start, end=quarter.end),
        suppress=True,
    )
    assert [t.caption for t in section.tables] == [p.title for p in page.sections]
    for table, part in zip(section.tables, page.sections, strict=True):
        if part.state == "shown":  # the same cells as the page, hidden counts as words
            assert [[c.text for c in row] for row in table.rows] == [
                [panel.cell(v).text for v in row] for row in part.rows]  # fmt: skip
    assert b"Commissioning evidence" in client_for("ana").get(f"/compliance/panel/{pack.pk}/").content
