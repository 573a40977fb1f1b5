"""Needs assessments, the services directory and referrals to support services.

A referral carries the organisation key of its case (the victim care service that holds it) and,
for a service of ours, the provider organisation it was sent to: the provider's workspace reads
by that key alone, and DESIGN.md's sharding by organisation stays a deployment change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from victimcare.accounts.models import Organisation
from victimcare.cases.models import Event, VictimCase
from victimcare.cases.vocab import CRIME_FLAGS
from victimcare.fieldcrypt import EncryptedJSONField, EncryptedTextField


class NeedArea(models.TextChoices):
    HEALTH = "health", "Health and wellbeing"
    SAFETY = "safety", "Safety and security"
    PRACTICAL = "practical", "Practical and financial"
    HOUSING = "housing", "Housing"
    FAMILY = "family", "Children and family"
    JUSTICE = "justice", "Information about the justice process"
    COMMUNICATION = "communication", "Communication needs"


# Short words for the reasons line ("Meets: housing, safety").
NEED_SHORT = {
    NeedArea.HEALTH: "health and wellbeing",
    NeedArea.SAFETY: "safety",
    NeedArea.PRACTICAL: "practical and financial",
    NeedArea.HOUSING: "housing",
    NeedArea.FAMILY: "children and family",
    NeedArea.JUSTICE: "the justice process",
    NeedArea.COMMUNICATION: "communication",
}
NEED_HINTS = {
    NeedArea.HEALTH: "Physical and mental health, sleep, coping, drink and drugs",
    NeedArea.SAFETY: "Feeling safe at home and outside, fear of the suspect, home security",
    NeedArea.PRACTICAL: "Money, work, repairs, insurance, compensation, getting to appointments",
    NeedArea.HOUSING: "Somewhere safe to live, moving, repairs by the landlord",
    NeedArea.FAMILY: "Children affected by the crime, caring responsibilities, family support",
    NeedArea.JUSTICE: "Understanding what happens next, going to court, the Victims' Code",
    NeedArea.COMMUNICATION: (
        "Language, reading, hearing or sight, neurodivergence (for example autism or ADHD), "
        "mental health that affects how they take in information"
    ),
}


class NeedLevel(models.TextChoices):
    NONE = "none", "No need"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


NEED_WEIGHT = {NeedLevel.NONE: 0, NeedLevel.LOW: 1, NeedLevel.MEDIUM: 2, NeedLevel.HIGH: 3}

# The questions whose "yes" may make a victim eligible for enhanced rights (Victims' Code,
# "Enhanced rights": vulnerable or intimidated victims, persistently targeted victims), with the
# victim flag of the contract each points to.
ENHANCED_PROMPTS: dict[str, tuple[str, str]] = {
    "mental_health": ("Does the victim have a mental health condition?", "mental_disorder"),
    "learning_disability": (
        "Does the victim have a learning disability, or difficulty with understanding or social situations?",
        "impaired_intelligence_social_functioning",
    ),
    "physical_disability": ("Does the victim have a physical disability or illness?", "physical_disability"),
    "fear_of_giving_evidence": (
        "Is the victim afraid or distressed about giving evidence?",
        "intimidated",
    ),
    "persistently_targeted": ("Is the victim being targeted again and again?", "persistently_targeted"),
}


class NeedsAssessment(models.Model):
    """One assessment of a victim's needs on a case. A re-assessment is a new row; a draft is
    never counted as an assessment done, and a completed one is never changed."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETE = "complete", "Complete"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="needs_assessments")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Enhanced-rights prompts (see ENHANCED_PROMPTS).
    mental_health = models.BooleanField(default=False)
    learning_disability = models.BooleanField(default=False)
    physical_disability = models.BooleanField(default=False)
    fear_of_giving_evidence = models.BooleanField(default=False)
    persistently_targeted = models.BooleanField(default=False)
    # Rural or isolated, or cannot travel: only services that reach them are suggested.
    hard_to_travel = models.BooleanField(default=False)
    summary = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    event = models.OneToOneField(Event, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-completed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="draft"), name="needs_one_draft_per_case"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", completed_at__isnull=True)
                | Q(status="complete", completed_at__isnull=False),
                name="needs_complete_has_date",
            ),
        ]
        indexes = [models.Index(fields=["case", "status", "-completed_at"], name="needs_case_latest_idx")]

    def __str__(self) -> str:
        return f"Needs assessment {self.pk} on case {self.case_id}"

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE

    @property
    def enhanced_indicators(self) -> list[str]:
        """The prompts answered yes, as questions."""
        return [question for name, (question, _flag) in ENHANCED_PROMPTS.items() if getattr(self, name)]

    def levels(self) -> dict[str, str]:
        """{area: level} for every area recorded (prefetch `areas` to avoid a query)."""
        return {a.area: a.level for a in self.areas.all()}


class NeedsAssessmentArea(models.Model):
    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="areas")
    area = models.CharField(max_length=20, choices=NeedArea.choices)
    level = models.CharField(max_length=10, choices=NeedLevel.choices, default=NeedLevel.NONE)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="needs_area_once"),
            models.CheckConstraint(
                condition=Q(area__in=NeedArea.values) & Q(level__in=NeedLevel.values), name="needs_area_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.level}"


DEFAULT_ACCEPT_WITHIN_DAYS = 2
DEFAULT_FIRST_CONTACT_WITHIN_DAYS = 5
DEFAULT_CONTACT_TRIES = 3


class Reach(models.TextChoices):
    PREMISES = "premises", "At its own premises"
    OUTREACH = "outreach", "Outreach (home visits and community venues)"
    PHONE = "phone", "By phone"
    ONLINE = "online", "Online (video, chat or email)"


# Reaching someone who cannot travel: anything but only at the service's own premises.
REACHES_ISOLATED = frozenset({Reach.OUTREACH, Reach.PHONE, Reach.ONLINE})


class HowToRefer(models.TextChoices):
    IN_SYSTEM = "in_system", "Referral through this system"
    EMAIL = "email", "Referral by email"
    PHONE = "phone", "Referral by phone"
    SELF = "self", "The victim can contact the service themselves"


class ServiceSex(models.TextChoices):
    ANY = "", "Anyone"
    FEMALE = "female", "Women and girls only"
    MALE = "male", "Men and boys only"


class Service(models.Model):
    """A support service in the directory of a victim care service (`directory`, the OPCC).
    `organisation` is the provider when the service is one of ours, using this system; an
    external service has none, and its referrals are recorded by the caseworker."""

    directory = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="directory_services")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(max_length=200)
    description = models.TextField()
    needs_met = models.JSONField(default=list)  # NeedArea values
    # Eligibility: empty lists and blank values mean "anyone". A service for some crime types or
    # flags takes a victim of any one of them.
    crime_types = models.JSONField(default=list, blank=True)  # police.uk crime types
    crime_flags = models.JSONField(default=list, blank=True)  # CRIME_FLAGS keys
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=10, choices=ServiceSex.choices, blank=True, default="")
    # Local authority areas covered (from LSOA names, e.g. "County Durham"); or everywhere.
    areas = models.JSONField(default=list, blank=True)
    covers_everywhere = models.BooleanField(default=False)
    reach = models.JSONField(default=list)  # Reach values
    how_to_refer = models.JSONField(default=list)  # HowToRefer values
    referral_email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    website = models.URLField(blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)  # new referrals a month it can take
    waiting_weeks = models.PositiveSmallIntegerField(default=0)
    # Response targets, in working days from the day a referral is sent (docs/adr/0061): set by
    # whoever administers the directory, fixed on each referral when it is sent.
    accept_within_days = models.PositiveSmallIntegerField(default=DEFAULT_ACCEPT_WITHIN_DAYS)
    first_contact_within_days = models.PositiveSmallIntegerField(default=DEFAULT_FIRST_CONTACT_WITHIN_DAYS)
    # Failed tries on one channel before the provider's page says to try another agreed way.
    contact_tries = models.PositiveSmallIntegerField(default=DEFAULT_CONTACT_TRIES)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["directory", "name"], name="service_name_unique_per_directory"),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(min_age__lte=models.F("max_age")),
                name="service_age_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(accept_within_days__gte=1)
                & Q(first_contact_within_days__gte=models.F("accept_within_days"))
                & Q(first_contact_within_days__lte=60)
                & Q(contact_tries__gte=1)
                & Q(contact_tries__lte=20),
                name="service_targets_sensible",
            ),
        ]
        indexes = [models.Index(fields=["directory", "active", "name"], name="service_directory_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def in_system(self) -> bool:
        return self.organisation_id is not None

    @property
    def needs_labels(self) -> list[str]:
        labels = dict(NeedArea.choices)
        return [str(labels[n]) for n in self.needs_met if n in labels]

    @property
    def reach_labels(self) -> list[str]:
        labels = dict(Reach.choices)
        return [str(labels[r]) for r in self.reach if r in labels]

    @property
    def how_to_refer_labels(self) -> list[str]:
        labels = dict(HowToRefer.choices)
        return [str(labels[h]) for h in self.how_to_refer if h in labels]

    @property
    def areas_label(self) -> str:
        return "Everywhere in England and Wales" if self.covers_everywhere else ", ".join(self.areas)

    @property
    def eligibility_label(self) -> str:
        """Who is eligible, in words: "Victims of Burglary, or of domestic abuse. Ages 18 and over."."""
        kinds = list(self.crime_types) + [CRIME_FLAGS.get(f, f).lower() for f in self.crime_flags]
        crimes = f"Victims of {', or of '.join(kinds)}" if kinds else "Victims of any crime"
        words = [f"{crimes}.", f"Ages: {self.age_label.lower()}."]
        if self.sex:
            words.append(f"{self.get_sex_display()}.")
        return " ".join(words)

    @property
    def age_label(self) -> str:
        if self.min_age is not None and self.max_age is not None:
            return f"{self.min_age} to {self.max_age}"
        if self.min_age is not None:
            return f"{self.min_age} and over"
        if self.max_age is not None:
            return f"Up to {self.max_age}"
        return "Any age"


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", "Draft, not sent"
    SENT = "sent", "Sent, waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined by the service"
    FIRST_CONTACT = "first_contact", "First contact made"
    ENGAGED = "engaged", "Victim engaged"
    CLOSED = "closed", "Closed"
    DECLINED_BY_VICTIM = "declined_by_victim", "Victim said no"


# Sent and not finished: the service may still be in touch with the victim.
OPEN_STATUSES = (
    ReferralStatus.SENT,
    ReferralStatus.ACCEPTED,
    ReferralStatus.FIRST_CONTACT,
    ReferralStatus.ENGAGED,
)

STATUS_TAGS: dict[str, str] = {
    ReferralStatus.DRAFT: "govuk-tag--grey",
    ReferralStatus.SENT: "govuk-tag--blue",
    ReferralStatus.ACCEPTED: "govuk-tag--turquoise",
    ReferralStatus.DECLINED: "govuk-tag--red",
    ReferralStatus.FIRST_CONTACT: "govuk-tag--light-blue",
    ReferralStatus.ENGAGED: "govuk-tag--green",
    ReferralStatus.CLOSED: "govuk-tag--grey",
    ReferralStatus.DECLINED_BY_VICTIM: "govuk-tag--orange",
}


class ReferralOutcome(models.TextChoices):
    """How a referral ended, as the provider records it when closing (docs/adr/0061)."""

    NEEDS_MET = "needs_met", "Needs met"
    PARTLY_MET = "partly_met", "Needs partly met"
    NOT_MET = "not_met", "Needs not met"
    DISENGAGED = "disengaged", "The victim stopped taking part"


class DisengagedReason(models.TextChoices):
    COULD_NOT_CONTACT = "could_not_contact", "We could not reach them"
    NO_LONGER_WANTED = "no_longer_wanted", "They said they no longer want support"
    STOPPED_REPLYING = "stopped_replying", "They stopped replying or coming to appointments"
    MOVED_AWAY = "moved_away", "They moved out of the area"
    SUPPORT_ELSEWHERE = "support_elsewhere", "They are getting support elsewhere"
    NOT_SAFE = "not_safe", "It was no longer safe to contact them"
    OTHER = "other", "Another reason"


class ContactChannel(models.TextChoices):
    """The ways a provider tries to reach a victim (the victim's safe-contact channels)."""

    PHONE = "phone", "Phone call"
    SMS = "sms", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"


class AttemptOutcome(models.TextChoices):
    NO_ANSWER = "no_answer", "No answer"
    VOICEMAIL = "voicemail", "Left a voicemail"
    WRONG_NUMBER = "wrong_number", "Wrong number or address"
    MESSAGE_SENT = "message_sent", "Sent a message, no reply yet"
    NOT_SAFE = "not_safe", "Someone else answered, or it was not safe to talk"
    BOUNCED = "bounced", "It could not be delivered"


class ConsentBy(models.TextChoices):
    VICTIM = "victim", "The victim"
    PARENT = "parent_guardian", "A parent or guardian"


class ConsentMethod(models.TextChoices):
    PHONE = "phone", "On the phone"
    IN_PERSON = "in_person", "In person"
    WRITING = "writing", "In writing (letter, email or form)"
    PORTAL = "portal", "Online, in the victim portal"


class Referral(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals")
    # The service's provider when the referral was made (null for an external service).
    provider = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_received"
    )
    status = models.CharField(max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT)
    reason = EncryptedTextField(blank=True)  # why the caseworker refers: shared only if chosen

    consent_by = models.CharField(max_length=20, choices=ConsentBy.choices, blank=True)
    consent_method = models.CharField(max_length=20, choices=ConsentMethod.choices, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_items = models.JSONField(default=list, blank=True)  # SHARE_ITEMS keys agreed
    # What left the service, as it was when sent: [[label, value], ...]. The provider sees this only.
    # Encrypted (docs/adr/0060): it holds copies of the victim's contact details and code word.
    snapshot = EncryptedJSONField(default=list, blank=True)
    # When the snapshot's safe-contact items were last brought up to date after sending, because
    # the victim's rules changed (support.reactions; docs/adr/0042): the provider is told.
    contact_rules_changed_at = models.DateTimeField(null=True, blank=True)

    sent_at = models.DateTimeField(null=True, blank=True)
    sent_event = models.OneToOneField(
        Event, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    engaged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    # The structured outcome (docs/adr/0061); blank on referrals closed before it was asked.
    outcome_code = models.CharField(max_length=20, choices=ReferralOutcome.choices, blank=True)
    disengaged_reason = models.CharField(max_length=20, choices=DisengagedReason.choices, blank=True)
    # The service's response targets as they were when sent: the last working day to accept,
    # and to make first contact (null on referrals sent before targets were kept).
    accept_by = models.DateField(null=True, blank=True)
    first_contact_by = models.DateField(null=True, blank=True)
    # When the missed-target alert went (once per referral per target: claimed by a
    # conditional update, so two schedulers alert once).
    accept_missed_alerted_at = models.DateTimeField(null=True, blank=True)
    first_contact_missed_alerted_at = models.DateTimeField(null=True, blank=True)
    declined_by_victim_at = models.DateTimeField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReferralStatus.values), name="referral_status_known"
            ),
            # No data leaves without consent: anything past a draft (but a victim's "no") has it.
            models.CheckConstraint(
                condition=Q(status__in=["draft", "declined_by_victim"])
                | (Q(consent_at__isnull=False) & Q(sent_at__isnull=False)),
                name="referral_sent_has_consent",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="referral_decline_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(outcome=""), name="referral_closed_has_outcome"
            ),
            models.CheckConstraint(
                condition=Q(outcome_code="") | Q(outcome_code__in=ReferralOutcome.values),
                name="referral_outcome_known",
            ),
            # A reason for disengaging is given with that outcome, and only with it.
            models.CheckConstraint(
                condition=Q(outcome_code="disengaged", disengaged_reason__in=DisengagedReason.values)
                | (~Q(outcome_code="disengaged") & Q(disengaged_reason="")),
                name="referral_disengaged_has_reason",
            ),
        ]
        indexes = [
            # The provider workspace: one organisation's referrals, newest sent first.
            models.Index(fields=["provider", "-sent_at", "-id"], name="referral_provider_idx"),
            models.Index(
                fields=["provider", "status", "-sent_at", "-id"], name="referral_provider_status_idx"
            ),
            models.Index(fields=["case", "-created_at"], name="referral_case_idx"),
            # The missed-target scan: referrals still waiting, by target date, not yet alerted.
            models.Index(
                fields=["accept_by"],
                condition=Q(status="sent", accept_missed_alerted_at__isnull=True),
                name="referral_accept_due_idx",
            ),
            models.Index(
                fields=["first_contact_by"],
                condition=Q(status__in=["sent", "accepted"], first_contact_missed_alerted_at__isnull=True),
                name="referral_contact_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk} to {self.service_id}"

    @property
    def is_open(self) -> bool:
        """Sent and not finished: the service may still contact the victim."""
        return self.status in OPEN_STATUSES

    @property
    def status_label(self) -> str:
        return str(ReferralStatus(self.status).label)

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS.get(self.status, "govuk-tag--grey")

    @property
    def has_consent(self) -> bool:
        return self.consent_at is not None

    @property
    def updated_moment(self) -> datetime:
        """When the referral last moved on (the latest step's time)."""
        moments: list[Any] = [
            self.declined_by_victim_at,
            self.closed_at,
            self.engaged_at,
            self.first_contact_at,
            self.declined_at,
            self.accepted_at,
            self.sent_at,
        ]
        return max((m for m in moments if m is not None), default=self.created_at)


class ContactAttempt(models.Model):
    """A try at reaching the victim that did not work (a call not answered, a voicemail left):
    what the provider did, when, how and what happened. Contact that worked is the referral's
    first-contact step, not an attempt."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="attempts")
    at = models.DateTimeField()
    channel = models.CharField(max_length=10, choices=ContactChannel.choices)
    outcome = models.CharField(max_length=20, choices=AttemptOutcome.choices)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(channel__in=ContactChannel.values) & Q(outcome__in=AttemptOutcome.values),
                name="attempt_known_values",
            ),
        ]
        indexes = [models.Index(fields=["referral", "at"], name="attempt_referral_idx")]

    def __str__(self) -> str:
        return f"Contact attempt {self.pk} on referral {self.referral_id}"
