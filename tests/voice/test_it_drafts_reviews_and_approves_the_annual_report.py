"""The Champions' annual report to the Police and Crime Panel: chad starts it for a year and
writes its narrative; the figures, findings by theme, case studies and recommendations come
from the records; sue (a victim care supervisor, not its author) reviews and approves it; it is
exported as HTML and as a tagged PDF with no count under 5; a phone number in the narrative
blocks approval; a withdrawn consent leaves the counts; anyone else gets 404."""

from __future__ import annotations

import re

import pytest

from tests.voice.annual_report_data import CASE_STUDY_TITLE, THEMES, seed_year
from victimcare.audit.models import AuditEvent
from victimcare.documents import pdf_facts
from victimcare.voice.annual_report.models import AnnualReport
from victimcare.voice.annual_report.selectors import report_content
from victimcare.voice.engagement_services import consent_withdraw
from victimcare.voice.models import Engagement

pytestmark = pytest.mark.django_db

TITLE = "Victims' Champions annual report, April 2025 to March 2026"
NARRATIVE = {
    "title": TITLE,
    "purpose": "To tell the Panel what victims told the Champions this year.",
    "background": "The Commissioner appoints three Victims' Champions.",
    "achievements": "Victims are now called within a day of a release.",
    "next_steps": "Reach more young people.",
    "recommendations": "That the Panel notes the report.",
}


def _start(client) -> AnnualReport:
    response = client.post(
        "/voice/annual-reports/new/",
        {"title": TITLE, "period_start_day": "1", "period_start_month": "4", "period_start_year": "2025",
         "period_end_day": "31", "period_end_month": "3", "period_end_year": "2026"},
    )  # fmt: skip
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response.url == f"/voice/annual-reports/{report.pk}/"
    return report


def _write(client, report, **changes) -> None:
    response = client.post(f"/voice/annual-reports/{report.pk}/narrative/", {**NARRATIVE, **changes})
    assert response.status_code == 302


def _cells(content) -> list[int | str]:
    tables = [*content.work, content.themes_table, *(f.subthemes for f in content.findings)]
    cells = [row.shown for t in tables for row in t.rows] + [t.total.shown for t in tables if t.total]
    return [*cells, content.engagements, content.accounts, *(f.shown for f in content.findings)]


@pytest.fixture
def approved(client_for, personas):
    seed_year(personas)
    chad, sue = client_for("chad"), client_for("sue")
    report = _start(chad)
    _write(chad, report)
    assert (
        chad.post(f"/voice/annual-reports/{report.pk}/", {"to": "reviewed"}).status_code == 400
    )  # its author
    assert sue.post(f"/voice/annual-reports/{report.pk}/", {"to": "reviewed"}).status_code == 302
    assert (
        chad.post(f"/voice/annual-reports/{report.pk}/", {"to": "approved"}).status_code == 400
    )  # no capability
    assert sue.post(f"/voice/annual-reports/{report.pk}/", {"to": "approved"}).status_code == 302
    report.refresh_from_db()
    return report


def test_it_is_drafted_reviewed_and_approved_by_someone_else(approved, personas):
    assert (approved.status, approved.author, approved.reviewed_by, approved.approved_by) == (
        "approved", personas["chad"], personas["sue"], personas["sue"],
    )  # fmt: skip
    assert approved.approved_at is not None and approved.achievements == NARRATIVE["achievements"]


def test_the_supervisor_cannot_approve_a_report_they_drafted(client_for, personas):
    sue = client_for("sue")
    report = _start(sue)
    _write(sue, report)
    assert (
        client_for("chad").post(f"/voice/annual-reports/{report.pk}/", {"to": "reviewed"}).status_code == 302
    )
    response = sue.post(f"/voice/annual-reports/{report.pk}/", {"to": "approved"})
    assert response.status_code == 400 and "You cannot make that change" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "reviewed"


def test_the_figures_come_from_the_records_with_small_numbers_hidden(approved):
    content = report_content(approved)
    assert content.engagements == 7 and content.accounts == 7  # the engagement before the period is left out
    cells = _cells(content)
    assert not [c for c in cells if isinstance(c, int) and 0 < c < 5]
    assert (
        "fewer than 5" in cells and "not shown" in cells
    )  # the one ASB engagement, and what would give it away
    area = {r.label: r.shown for r in content.work[1].rows}
    assert area == {"Crime": "not shown", "Domestic abuse": 0, "Anti-social behaviour": "fewer than 5"}
    reporting = content.findings[0]
    assert [s.title for s in reporting.case_studies] == [CASE_STUDY_TITLE]
    assert [q.text for q in reporting.quotes] == ["Nobody rang me back for weeks."]
    assert [r.what_changed for r in content.recommendations] == ["Officers now call within a day."]


def test_the_pdf_is_tagged_and_says_what_the_records_say(client_for, approved):
    response = client_for("chad").get(f"/voice/annual-reports/{approved.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    facts = pdf_facts(response.content)
    assert facts.marked and facts.has_structure_tree
    assert {"H1", "H2", "Table", "TH"} <= facts.structure_tags
    assert facts.language == "en-GB" and facts.displays_title and facts.title == TITLE
    assert facts.figures_without_alt == 0
    text = " ".join(facts.text.split())
    for name in THEMES:
        assert name in text
    assert f"Case study: {CASE_STUDY_TITLE}" in text and "Victims are now called within a day" in text
    assert "Anti-social behaviour fewer than 5" in text
    # No count under 5: every number printed beside a row label or in the sentences of figures.
    labels = ["One-to-one", "Crime", "Domestic abuse", "Anti-social behaviour", "Older people", "Total",
              *THEMES, "Being kept informed", "Waiting for trial", "Concerns raised:", "held", "kept"]  # fmt: skip
    for label in labels:
        assert not re.search(rf"{re.escape(label)} [1-4]\b", text), label


def test_the_html_is_a_complete_document_with_the_same_content(client_for, approved):
    response = client_for("chad").get(f"/voice/annual-reports/{approved.pk}/report.html")
    page = response.content.decode()
    assert response.status_code == 200 and page.startswith("<!doctype html>")
    assert '<html lang="en-GB">' in page and f"<title>{TITLE}</title>".replace("'", "&#x27;") in page
    assert (
        f"Case study: {CASE_STUDY_TITLE}" in page and "Purpose" in page and "Opportunities to change" in page
    )
    numbers = [int(n) for n in re.findall(r'num">(\d+)</td>', page)]
    assert numbers and not [n for n in numbers if 0 < n < 5]


def test_a_phone_number_in_the_narrative_blocks_approval(client_for, personas):
    seed_year(personas)
    chad, sue = client_for("chad"), client_for("sue")
    report = _start(chad)
    _write(chad, report, achievements="Victims can call Jo on 07700 900123 for help.")
    page = chad.get(f"/voice/annual-reports/{report.pk}/").content.decode()
    assert "Phone number: “07700 900123”" in page
    response = sue.post(f"/voice/annual-reports/{report.pk}/", {"to": "reviewed"})
    assert response.status_code == 400
    assert "Remove or confirm each thing the check found in the narrative first" in response.content.decode()
    # Even a report already marked reviewed is checked again when it is approved.
    AnnualReport.objects.filter(pk=report.pk).update(status="reviewed")
    assert sue.post(f"/voice/annual-reports/{report.pk}/", {"to": "approved"}).status_code == 400
    report.refresh_from_db()
    assert report.status == "reviewed" and report.approved_by is None
    # Taken out, it can be approved.
    AnnualReport.objects.filter(pk=report.pk).update(status="draft")
    _write(chad, report, achievements="Victims can call the victim care service for help.")
    assert sue.post(f"/voice/annual-reports/{report.pk}/", {"to": "reviewed"}).status_code == 302
    assert sue.post(f"/voice/annual-reports/{report.pk}/", {"to": "approved"}).status_code == 302


def test_withdrawn_consent_leaves_the_counts(client_for, personas, approved):
    engagements = Engagement.objects.filter(held_on__year=2025).order_by("held_on")
    assert report_content(approved).accounts == 7
    consent_withdraw(actor=personas["chad"], engagement=engagements[2], kind="keep")
    content = report_content(approved)
    assert content.accounts == 6 and content.engagements == 7  # the engagement itself stays
    pdf = client_for("chad").get(f"/voice/annual-reports/{approved.pk}/report.pdf").content
    assert "kept 6 victims' accounts" in " ".join(pdf_facts(pdf).text.split())


@pytest.mark.parametrize("persona", ["ana", "cara", "olly", "fran", "pat", "adam", "otto"])
def test_anyone_else_gets_404(client_for, approved, persona):
    client = client_for(persona)
    for url in ("/voice/annual-reports/", "/voice/annual-reports/new/", f"/voice/annual-reports/{approved.pk}/",
                f"/voice/annual-reports/{approved.pk}/narrative/", f"/voice/annual-reports/{approved.pk}/report.html",
                f"/voice/annual-reports/{approved.pk}/report.pdf"):  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_every_page_and_export_is_audited(client_for, personas):
    chad = client_for("chad")
    report = _start(chad)
    for url in ("/voice/annual-reports/", "/voice/annual-reports/new/", f"/voice/annual-reports/{report.pk}/",
                f"/voice/annual-reports/{report.pk}/narrative/", f"/voice/annual-reports/{report.pk}/report.html",
                f"/voice/annual-reports/{report.pk}/report.pdf"):  # fmt: skip
        before = AuditEvent.objects.filter(actor=personas["chad"], action="view").count()
        assert chad.get(url).status_code == 200, url
        assert AuditEvent.objects.filter(actor=personas["chad"], action="view").count() == before + 1, url
