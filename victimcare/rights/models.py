"""Stored entitlements: a cache of the Victims' Code engine, one row per obligation.

The engine (engine.py) is the source of truth. An Entitlement row is what it returned for one
case when the case last changed; CaseRights holds the case's enhanced-rights result and the
staff override (the one fact here that is not derived). The reaction
reactions.entitlements_refresh rebuilds both for a case in the transaction that changed its
events; `manage.py recompute_entitlements`
rebuilds them all after a rule change.

Statuses that move with the calendar (pending becomes overdue when the due date passes) are
stored as the engine saw them on `computed_at` and read through `status_on(day)` or
selectors.with_status_now(), which apply the engine's own test to today's date, so a page never
shows a stale "pending" (docs/adr/0010).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from victimcare.accounts.models import Organisation
from victimcare.cases.events import EVENT_TYPES as CASE_EVENT_TYPES
from victimcare.cases.models import Event, VictimCase
from victimcare.rights.loader import Rule, default_rule_sets
from victimcare.rights.vocabulary import (
    CRIME_FLAGS,
    DONE,
    LATE,
    MET,
    NOT_APPLICABLE,
    NOT_DONE,
    OVERDUE,
    PENDING,
    VICTIM_INFORMED,
)

STATUS_CHOICES = [
    (PENDING, "Pending"),
    (OVERDUE, "Overdue"),
    (MET, "Met"),
    (LATE, "Late"),
    (NOT_APPLICABLE, "Not applicable"),
    (DONE, "Done"),
    (NOT_DONE, "Not done"),
]
# Unfulfilled, so still owed: the work queue's statuses.
OPEN_STATUSES = (PENDING, OVERDUE, NOT_DONE)
# The statuses whose truth depends on the day they are read (pending <-> overdue by due date).
CLOCKED_OPEN = (PENDING, OVERDUE)


# GOV.UK tag colour for each status (the case page and the work queue).
STATUS_TAGS = {
    OVERDUE: "govuk-tag--red",
    PENDING: "govuk-tag--blue",
    MET: "govuk-tag--green",
    LATE: "govuk-tag--orange",
    NOT_APPLICABLE: "govuk-tag--grey",
    DONE: "govuk-tag--turquoise",
    NOT_DONE: "govuk-tag--yellow",
}
STATUS_LABELS = dict(STATUS_CHOICES)

# The 2020 Code's twelve rights, by number, in a few words each; "review" is the Victims'
# Right to Review schemes, which sit beside the Code.
RIGHT_NAMES = {
    "1": "Understand and be understood",
    "2": "Crime recorded without delay",
    "3": "Information when reporting",
    "4": "Referral to support services",
    "5": "Information about compensation",
    "6": "Updates on the investigation and prosecution",
    "7": "Victim Personal Statement",
    "8": "Information about the trial and being a witness",
    "9": "Outcome of the case and appeals",
    "10": "Expenses and property",
    "11": "Information about the offender",
    "12": "Making a complaint",
    "review": "Right to Review",
}
PROVIDER_LABELS = {
    "police": "Police",
    "cps": "Crown Prosecution Service",
    "wcu": "Witness Care Unit",
    "hmcts": "Courts (HMCTS)",
    "probation": "Probation Service",
    "any": "Whoever the complaint is about",
}
_CRIME_FLAG_TEXT = {
    "domestic_abuse": "domestic abuse",
    "hate_crime": "a hate crime",
    "terrorism": "terrorism",
    "sexual_offence": "a sexual offence",
    "human_trafficking": "human trafficking",
    "modern_slavery": "modern slavery",
    "attempted_murder": "attempted murder",
    "kidnap": "kidnap",
    "false_imprisonment": "false imprisonment",
    "arson_endangering_life": "arson endangering life",
    "gbh_with_intent": "grievous bodily harm with intent",
    "weapons_offence": "a weapons offence",
}
_VULNERABLE_TEXT = {
    "under_18": "Vulnerable: under 18 when the crime happened",
    "mental_disorder": "Vulnerable: has a mental disorder",
    "impaired_intelligence_social_functioning": "Vulnerable: significant impairment of intelligence and social functioning",
    "physical_disability": "Vulnerable: has a physical disability or disorder",
}
assert set(_CRIME_FLAG_TEXT) == CRIME_FLAGS  # a new crime flag needs words here


def reason_text(code: str) -> str:
    """Staff-readable words for one of the engine's enhanced-rights reason codes."""
    kind, _, detail = code.partition(":")
    if kind == "most_serious_crime":
        if detail == "bereaved":
            return "Most serious crime: a close relative of someone who died because of a crime"
        return f"Most serious crime: {_CRIME_FLAG_TEXT.get(detail, detail)}"
    if kind == "persistently_targeted":
        return "Persistently targeted"
    if kind == "vulnerable":
        return _VULNERABLE_TEXT.get(detail, f"Vulnerable: {detail}")
    if kind == "intimidated":
        if detail == "fear_or_distress":
            return "Intimidated: fear or distress about giving evidence"
        return f"Intimidated: complainant or witness in {_CRIME_FLAG_TEXT.get(detail, detail)}"
    if kind == "override":
        return "A member of staff decided this"
    return code


@cache
def rule_for(code_version: str, rule_id: str) -> Rule | None:
    """The rule that computed a stored row, from the rule files (None if no longer shipped)."""
    for rule_set in default_rule_sets().versions:
        if rule_set.version == code_version:
            for rule in rule_set.rules:
                if rule.id == rule_id:
                    return rule
    return None


def status_on(status: str, due: date | None, day: date) -> str:
    """The engine's status test applied to `day`: an unfulfilled obligation with a due date is
    pending on or before it and overdue after it (VICTIMS-CODE.md, "Statuses"). Other statuses
    change only when events change, and events changing recomputes the row."""
    if status in CLOCKED_OPEN and due is not None:
        return PENDING if day <= due else OVERDUE
    return status


class CaseRights(models.Model):
    """A case's enhanced-rights result with every reason, and the staff override if any."""

    case = models.OneToOneField(VictimCase, primary_key=True, on_delete=models.CASCADE, related_name="rights")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    enhanced = models.BooleanField(default=False)
    reasons = models.JSONField(default=list, blank=True)  # the engine's reason codes, in its order
    # The override is a staff decision, not derived: recomputing never touches these four.
    override_enhanced = models.BooleanField(null=True, blank=True)
    override_reason = models.TextField(blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    override_at = models.DateTimeField(null=True, blank=True)
    code_version = models.CharField(max_length=10, blank=True)
    rules_digest = models.CharField(max_length=16, blank=True)  # which rule files computed this
    # Why the engine could not evaluate the case (e.g. a trigger before the 2020 Code): shown to
    # staff; the case then has no stored obligations rather than a refused event.
    error = models.TextField(blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "case rights"
        constraints = [
            models.CheckConstraint(
                condition=Q(override_enhanced__isnull=True) | ~Q(override_reason=""),
                name="case_rights_override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Rights for case {self.case_id}"

    @property
    def has_override(self) -> bool:
        return self.override_enhanced is not None

    @property
    def reason_texts(self) -> list[str]:
        """Every ground found, in words (the override is shown apart, with its reason)."""
        return [reason_text(code) for code in self.reasons if code != "override"]

    def obligations(self) -> QuerySet[Entitlement]:
        """The case's obligations in trigger order, then rule, with their events joined in."""
        return (
            Entitlement.objects.filter(case_id=self.case_id)
            .select_related("trigger", "fulfilled_by")
            .order_by("trigger__occurred_at", "trigger_id", "rule")
        )


class Entitlement(models.Model):
    """One timed obligation owed to the victim of a case (a cache of engine.Obligation)."""

    # No index of their own on case and organisation: the unique constraint's index starts with
    # the case, and the work queue's and the dashboard's with the organisation, so each served
    # every query that could use it while every row written paid to keep it (docs/adr/0055).
    case = models.ForeignKey(
        VictimCase, on_delete=models.CASCADE, related_name="entitlements", db_index=False
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", db_index=False)
    rule = models.CharField(max_length=40)
    code_version = models.CharField(max_length=10)
    right = models.CharField(max_length=10)  # "1".."12", or "review" for the VRR schemes
    provider = models.CharField(max_length=20)
    trigger = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    fulfilled_by = models.ForeignKey(Event, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    enhanced = models.BooleanField()
    local_target_days = models.PositiveSmallIntegerField(null=True, blank=True)
    local_due = models.DateField(null=True, blank=True)
    local_status = models.CharField(max_length=20, choices=STATUS_CHOICES, blank=True)
    # When this row's content was last written: a recompute leaves a row the engine gives again
    # as it is (docs/adr/0038); CaseRights.computed_at says when the case was last computed.
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "rule", "trigger"], name="entitlement_one_per_trigger"),
            models.CheckConstraint(
                condition=Q(status__in=[s for s, _ in STATUS_CHOICES]), name="entitlement_status_known"
            ),
        ]
        indexes = [
            # The work queue: an organisation's open obligations, soonest due first.
            models.Index(fields=["organisation", "status", "due"], name="entitlement_queue_idx"),
            # The compliance dashboard: by rule and status, over due-date ranges (months).
            models.Index(fields=["rule", "status", "due"], name="entitlement_rule_idx"),
            models.Index(fields=["organisation", "rule", "due"], name="entitlement_org_rule_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} on case {self.case_id}"

    def status_on(self, day: date) -> str:
        return status_on(self.status, self.due, day)

    def local_status_on(self, day: date) -> str:
        return status_on(self.local_status, self.local_due, day) if self.local_status else ""

    # Display: the case page and the work queue read these (statuses as of today, London).
    @property
    def status_now(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status_now]

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS[self.status_now]

    @property
    def local_status_label(self) -> str:
        status = self.local_status_on(timezone.localdate())
        return STATUS_LABELS[status] if status else ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def right_label(self) -> str:
        name = RIGHT_NAMES.get(self.right, "")
        return name if self.right == "review" else f"Right {self.right}: {name}"

    @property
    def provider_label(self) -> str:
        return PROVIDER_LABELS.get(self.provider, self.provider)

    @property
    def title(self) -> str:
        rule = rule_for(self.code_version, self.rule)
        return rule.title if rule else self.rule

    @property
    def record_type(self) -> str:
        """The event type that fulfils this obligation (what "Record it" opens)."""
        rule = rule_for(self.code_version, self.rule)
        return sorted(rule.fulfilment.types)[0] if rule else ""

    @property
    def record_label(self) -> str:
        spec = CASE_EVENT_TYPES.get(self.record_type)
        return spec.label if spec else "the event"

    @property
    def record_url(self) -> str:
        """The event form, set to the fulfilling event type and, where that type answers the
        trigger (victim_informed, acknowledgements), to this trigger as its `about`."""
        kind = self.record_type
        if kind in RECORD_PAGES:
            return reverse(RECORD_PAGES[kind], args=[self.case_id])
        query = {"type": kind}
        spec = CASE_EVENT_TYPES.get(kind)
        if kind == VICTIM_INFORMED or (spec is not None and self.trigger.type in spec.about_types):
            query["about"] = str(self.trigger_id)
        return f"{reverse('cases:event_create', args=[self.case_id])}?{urlencode(query)}"


# Fulfilling events that have their own workflow: "Record it" opens that, not the event form
# (a referral needs the victim's consent and a record of what is shared before it is sent).
RECORD_PAGES = {"referred_to_support": "support:suggestions"}


class RecomputeRun(models.Model):
    """One run of `manage.py recompute_entitlements`; `last_case_id` is committed with each
    batch, so an interrupted run resumes after the last batch that was written."""

    class State(models.TextChoices):
        RUNNING = "running", "Running (or interrupted)"
        FINISHED = "finished", "Finished"
        ABANDONED = "abandoned", "Abandoned for a new run"

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RUNNING)
    rules_digest = models.CharField(max_length=16)
    last_case_id = models.BigIntegerField(default=0)
    cases_done = models.PositiveIntegerField(default=0)
    batches_done = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Recompute {self.pk} ({self.state}, {self.cases_done} cases)"


class BankHoliday(models.Model):
    """An England and Wales bank holiday from the GOV.UK feed (`manage.py refresh_bank_holidays`).

    The calendar for stored entitlements is the `holidays` package's plus these, so a one-off
    day proclaimed after the installed package release still counts (docs/adr/0006)."""

    date = models.DateField(unique=True)
    title = models.CharField(max_length=200)
    source = models.CharField(max_length=300)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.title}"
