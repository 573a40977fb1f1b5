"""The Champions' annual report's writes (docs/adr/0048): start one for a period, change its
narrative while it is a draft, and move it through review and approval.

Statuses (TRANSITIONS): draft -> reviewed -> approved; reviewed -> draft (sent back to change).
Reviewing needs DRAFT_ANNUAL_REPORT and someone other than the author; approving needs
APPROVE_ANNUAL_REPORT and someone other than the author. Both need the redaction check clear
on the final narrative: every name, address, postcode, phone number, email, crime reference
or date it finds removed, or confirmed as safe by a person (a SafeFinding on "annual_report")."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from victimcare.access.capabilities import Capability, can
from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record, field_changes, snapshot
from victimcare.refusals import Refusal
from victimcare.transitions import StatusTable
from victimcare.voice import redaction
from victimcare.voice.annual_report.models import AnnualReport, ReportStatus
from victimcare.voice.engagement_services import outstanding_findings

TARGET = "annual_report"  # the SafeFinding target for a report's narrative
R = ReportStatus
TRANSITIONS = StatusTable({R.DRAFT: {R.REVIEWED}, R.REVIEWED: {R.APPROVED, R.DRAFT}, R.APPROVED: set()})


def report_findings(report: AnnualReport) -> list[redaction.Finding]:
    """What the redaction check finds in the narrative that no one has confirmed as safe."""
    return outstanding_findings(TARGET, report.pk, report.narrative_texts())


@transaction.atomic
def annual_report_start(*, actor: User, title: str, period_start: date, period_end: date) -> AnnualReport:
    if not can(actor, Capability.DRAFT_ANNUAL_REPORT):
        raise Refusal("", "You cannot draft the annual report")
    if period_end < period_start:
        raise Refusal("period_end", "The end of the period must be after its start")
    assert actor.organisation is not None
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(
                organisation=actor.organisation, title=title.strip(), period_start=period_start,
                period_end=period_end, author=actor,
            )  # fmt: skip
    except IntegrityError:
        raise Refusal("period_start", "There is already a report for that period") from None
    audit_record(actor=actor, action=Action.CREATE, obj=report, detail=f"{period_start} to {period_end}")
    return report


@transaction.atomic
def annual_report_edit(
    *,
    actor: User,
    report: AnnualReport,
    title: str,
    purpose: str,
    background: str,
    achievements: str,
    next_steps: str,
    recommendations: str,
) -> AnnualReport:
    """Change the title and narrative sections of a draft."""
    if not can(actor, Capability.DRAFT_ANNUAL_REPORT):
        raise Refusal("", "You cannot change the annual report")
    if report.status != R.DRAFT:
        raise Refusal("", "Only a draft can be changed: send it back to draft first")
    texts = {"title": title, "purpose": purpose, "background": background, "achievements": achievements,
             "next_steps": next_steps, "recommendations": recommendations}  # fmt: skip
    before = snapshot(report, texts)
    for name, text in texts.items():
        setattr(report, name, text.strip())
    report.save(update_fields=list(texts))
    changes = field_changes(before, snapshot(report, texts))
    audit_record(actor=actor, action=Action.UPDATE, obj=report, changes=changes)
    return report


def may_move(actor: User, report: AnnualReport, to: str) -> bool:
    if not TRANSITIONS.allows(report.status, to):
        return False
    if to == R.APPROVED:
        return can(actor, Capability.APPROVE_ANNUAL_REPORT) and report.author_id != actor.pk
    if to == R.REVIEWED:
        return can(actor, Capability.DRAFT_ANNUAL_REPORT) and report.author_id != actor.pk
    return can(actor, Capability.DRAFT_ANNUAL_REPORT)


@transaction.atomic
def annual_report_move(*, actor: User, report: AnnualReport, to: str) -> AnnualReport:
    """Review, approve or send back to draft, if the actor may and the check is clear."""
    if not may_move(actor, report, to):
        raise Refusal("status", "You cannot make that change to this report")
    if to != R.DRAFT and report_findings(report):
        raise Refusal("status", "Remove or confirm each thing the check found in the narrative first")
    before = report.status
    report.status = to
    if to == R.REVIEWED:
        report.reviewed_by = actor
    if to == R.APPROVED:
        report.approved_by, report.approved_at = actor, timezone.now()
    if to == R.DRAFT:
        report.reviewed_by = None
    report.save(update_fields=["status", "reviewed_by", "approved_by", "approved_at"])
    audit_record(actor=actor, action=Action.UPDATE, obj=report, changes={"status": [before, to]})
    return report
