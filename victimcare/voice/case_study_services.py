"""Case studies: a victim's story, anonymised, with its themes, written by a Champion from
engagements where the victim agreed to be quoted, then reviewed and approved.

Statuses (TRANSITIONS): draft -> reviewed -> approved, and reviewed -> draft (sent back).
Reviewing and approving each need the redaction check clear (every finding removed or
confirmed as safe) and someone other than the author; approving is for the OPCC's victim care
supervisors. Only a draft can be changed; changing it clears nothing already confirmed, but the
check runs on the new words."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from victimcare.access.capabilities import can_approve_voice, can_record_engagements, can_see_voice_evidence
from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.voice.engagement_services import outstanding_findings
from victimcare.voice.models import CaseStudy, CaseStudyStatus, Engagement, SubTheme
from victimcare.voice.services import VoiceError

TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStudyStatus.DRAFT: frozenset({CaseStudyStatus.REVIEWED}),
    CaseStudyStatus.REVIEWED: frozenset({CaseStudyStatus.APPROVED, CaseStudyStatus.DRAFT}),
    CaseStudyStatus.APPROVED: frozenset(),
}


def _check_sources(actor: User, engagement_ids: Sequence[int]) -> list[int]:
    # The champion's own engagements (the gate's engagements_visible_to, asked here at the domain).
    mine = Engagement.objects.filter(
        organisation_id=actor.organisation_id or 0, champion=actor, consent_quote=True
    )
    allowed = set(mine.values_list("pk", flat=True)) if can_record_engagements(actor) else set()
    if not engagement_ids or not set(engagement_ids) <= allowed:
        raise VoiceError("engagements", "Choose engagements where the victim agreed to be quoted")
    return list(engagement_ids)


def _check_themes(subtheme_ids: Sequence[int]) -> list[SubTheme]:
    found = list(SubTheme.objects.filter(pk__in=subtheme_ids, active=True))
    if not found or len(found) != len(set(subtheme_ids)):
        raise VoiceError("subthemes", "Choose at least one theme")
    return found


@transaction.atomic
def case_study_create(
    *, actor: User, title: str, story: str, subtheme_ids: Sequence[int], engagement_ids: Sequence[int]
) -> CaseStudy:
    sources = _check_sources(actor, engagement_ids)
    themes = _check_themes(subtheme_ids)
    assert actor.organisation is not None
    study = CaseStudy.objects.create(
        organisation=actor.organisation, author=actor, title=title.strip(), story=story.strip()
    )
    study.subthemes.set(themes)
    study.engagements.set(sources)
    audit_record(actor=actor, action=Action.CREATE, obj=study)
    return study


@transaction.atomic
def case_study_edit(*, actor: User, study: CaseStudy, title: str, story: str) -> CaseStudy:
    if study.status != CaseStudyStatus.DRAFT or study.author_id != actor.pk:
        raise VoiceError("story", "Only its author can change a case study, and only while it is a draft")
    study.title, study.story = title.strip(), story.strip()
    study.save(update_fields=["title", "story"])
    audit_record(actor=actor, action=Action.UPDATE, obj=study, detail="changed")
    return study


def case_study_blockers(study: CaseStudy) -> int:
    """How many redaction findings are still outstanding."""
    return len(outstanding_findings("case_study", study.pk, [study.title, study.story]))


def may_move(actor: User, study: CaseStudy, to: str) -> bool:
    if to not in TRANSITIONS[CaseStudyStatus(study.status)]:
        return False
    if to == CaseStudyStatus.APPROVED:
        return can_approve_voice(actor) and study.author_id != actor.pk
    return can_see_voice_evidence(actor) and study.author_id != actor.pk


@transaction.atomic
def case_study_move(*, actor: User, study: CaseStudy, to: str) -> CaseStudy:
    """Move the case study along TRANSITIONS, if the actor may and the check is clear."""
    if not may_move(actor, study, to):
        raise VoiceError("status", "You cannot make that change to this case study")
    if to != CaseStudyStatus.DRAFT and case_study_blockers(study):
        raise VoiceError("status", "Remove or confirm each thing the check found first")
    before = study.status
    study.status = to
    if to == CaseStudyStatus.REVIEWED:
        study.reviewed_by = actor
    if to == CaseStudyStatus.APPROVED:
        study.approved_by = actor
    study.save(update_fields=["status", "reviewed_by", "approved_by"])
    audit_record(actor=actor, action=Action.UPDATE, obj=study, changes={"status": [before, to]})
    return study
