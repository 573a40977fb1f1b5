""" "You said, we did": a finding from victims put to a named partner agency as a
recommendation, its owner chasing a response by a due date, and what changed.

Statuses (TRANSITIONS): raised -> responded | changed | declined | withdrawn;
responded -> changed | declined. Publishing on the public page needs a response (not raised or
withdrawn), the OPCC's victim care supervisor, and the redaction check clear on every text the
page shows; a recommendation whose texts change after publishing comes off the page until it is
published again."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from victimcare.access.capabilities import can_approve_voice, can_manage_recommendations
from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record, field_changes, snapshot
from victimcare.voice.engagement_services import outstanding_findings
from victimcare.voice.models import Recommendation, RecommendationStatus, SubTheme
from victimcare.voice.services import VoiceError

S = RecommendationStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.RAISED: frozenset({S.RESPONDED, S.CHANGED, S.DECLINED, S.WITHDRAWN}),
    S.RESPONDED: frozenset({S.RESPONDED, S.CHANGED, S.DECLINED}),
    S.CHANGED: frozenset({S.CHANGED}),
    S.DECLINED: frozenset({S.DECLINED}),
    S.WITHDRAWN: frozenset(),
}
RESPONSE_FIELDS = ("status", "partner_response", "what_changed", "evidence")


@transaction.atomic
def recommendation_raise(
    *,
    actor: User,
    subtheme: SubTheme,
    finding: str,
    recommendation: str,
    partner: str,
    owner: User,
    due: date,
) -> Recommendation:
    if not can_manage_recommendations(owner) or owner.organisation_id != actor.organisation_id:
        raise VoiceError("owner", "Choose a Champion or victim care supervisor as the owner")
    assert actor.organisation is not None
    rec = Recommendation.objects.create(
        organisation=actor.organisation,
        subtheme=subtheme,
        finding=finding.strip(),
        recommendation=recommendation.strip(),
        partner=partner,
        owner=owner,
        due=due,
        created_by=actor,
    )
    audit_record(actor=actor, action=Action.CREATE, obj=rec, detail=f"to {rec.get_partner_display()}")
    return rec


@transaction.atomic
def recommendation_respond(
    *, actor: User, rec: Recommendation, status: str, partner_response: str, what_changed: str, evidence: str
) -> Recommendation:
    """Record the partner's response (and, when something changed, what and the evidence)."""
    if status not in TRANSITIONS[S(rec.status)] or status == S.WITHDRAWN:
        raise VoiceError("status", "A recommendation cannot move to that status from where it is")
    if status == S.CHANGED and not (what_changed.strip() and evidence.strip()):
        raise VoiceError("what_changed", "Enter what changed and the evidence")
    before = snapshot(rec, RESPONSE_FIELDS)
    rec.status, rec.partner_response = status, partner_response.strip()
    rec.what_changed, rec.evidence = what_changed.strip(), evidence.strip()
    rec.published_at, rec.published_by = None, None  # new words: checked and published again
    rec.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=rec,
        changes=field_changes(before, snapshot(rec, RESPONSE_FIELDS)),
    )
    return rec


@transaction.atomic
def recommendation_edit(
    *, actor: User, rec: Recommendation, finding: str, recommendation: str
) -> Recommendation:
    """Change what the recommendation says (say, to take out what the check found). It comes off
    the public page until it is published again."""
    if rec.status == S.WITHDRAWN:
        raise VoiceError("finding", "A withdrawn recommendation cannot be changed")
    before = snapshot(rec, ("finding", "recommendation"))
    rec.finding, rec.recommendation = finding.strip(), recommendation.strip()
    rec.published_at, rec.published_by = None, None
    rec.save(update_fields=["finding", "recommendation", "published_at", "published_by"])
    changes = field_changes(before, snapshot(rec, ("finding", "recommendation")))
    audit_record(actor=actor, action=Action.UPDATE, obj=rec, changes=changes)
    return rec


@transaction.atomic
def recommendation_withdraw(*, actor: User, rec: Recommendation) -> Recommendation:
    if S.WITHDRAWN not in TRANSITIONS[S(rec.status)]:
        raise VoiceError("status", "Only a recommendation still waiting for a response can be withdrawn")
    before = rec.status
    rec.status = S.WITHDRAWN
    rec.save(update_fields=["status"])
    audit_record(actor=actor, action=Action.UPDATE, obj=rec, changes={"status": [before, S.WITHDRAWN]})
    return rec


def publish_blockers(rec: Recommendation) -> list[str]:
    """Why the recommendation cannot go on the public page yet (empty: it can)."""
    reasons = []
    if rec.status in (S.RAISED, S.WITHDRAWN):
        reasons.append("The partner has not responded yet")
    if outstanding_findings("recommendation", rec.pk, rec.public_texts()):
        reasons.append("The check found things that could identify someone: remove or confirm each one")
    return reasons


@transaction.atomic
def recommendation_publish(*, actor: User, rec: Recommendation, publish: bool = True) -> Recommendation:
    if not can_approve_voice(actor):
        raise VoiceError("publish", "Only a victim care supervisor can publish")
    if publish and publish_blockers(rec):
        raise VoiceError("publish", publish_blockers(rec)[0])
    rec.published_at, rec.published_by = (timezone.now(), actor) if publish else (None, None)
    rec.save(update_fields=["published_at", "published_by"])
    audit_record(actor=actor, action=Action.UPDATE, obj=rec, detail="published" if publish else "unpublished")
    return rec


def is_overdue(rec: Recommendation, today: date) -> bool:
    return rec.status == S.RAISED and rec.due < today
