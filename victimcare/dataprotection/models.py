"""The data protection officer's records (docs/adr/0053): subject access requests with their
one-month clock, the items gathered for each, the redactions marked in review, and requests to
correct a person's data (rectification). Restriction of processing is a fact about the person,
so it lives in people (ProcessingRestriction), where notify, support and voice can ask it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from victimcare.accounts.models import Organisation
from victimcare.fieldcrypt import EncryptedJSONField
from victimcare.people.models import Person
from victimcare.transitions import StatusTable


class SarStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ASSEMBLING = "assembling", "Being assembled"
    IN_REVIEW = "in_review", "In review"
    RELEASED = "released", "Released"
    NOTHING_HELD = "nothing_held", "Nothing held"


S = SarStatus
# In review may go back to being assembled, to gather again (something was recorded since).
TRANSITIONS = StatusTable(
    {
        S.RECEIVED: {S.ASSEMBLING, S.NOTHING_HELD},
        S.ASSEMBLING: {S.ASSEMBLING, S.IN_REVIEW},
        S.IN_REVIEW: {S.ASSEMBLING, S.RELEASED},
        S.RELEASED: set(),
        S.NOTHING_HELD: set(),
    }
)
OPEN_STATUSES = (S.RECEIVED, S.ASSEMBLING, S.IN_REVIEW)


class Requester(models.TextChoices):
    SUBJECT = "subject", "The person themselves"
    PARENT = "parent", "A parent or guardian of a child"
    REPRESENTATIVE = (
        "representative",
        "Someone acting for them with their authority (for example, a solicitor)",
    )


class SubjectAccessRequest(models.Model):
    """A request for a copy of everything held about a person (UK GDPR art. 15; DPA 2018
    s.45). `due_on` is one calendar month from the later of receipt and identity being
    verified (dataprotection.clock)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    requester_name = models.CharField(max_length=200)
    requester = models.CharField(max_length=20, choices=Requester.choices, default=Requester.SUBJECT)
    # For whom, as the requester described them; `person` is the record it was matched to.
    subject_first_name = models.CharField(max_length=100)
    subject_last_name = models.CharField(max_length=100)
    subject_date_of_birth = models.DateField(null=True, blank=True)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    received_on = models.DateField()
    identity_verified_on = models.DateField(null=True, blank=True)
    # How identity was verified, in words ("passport seen at the office"): never a document number.
    identity_evidence = models.CharField(max_length=200, blank=True)
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=SarStatus.choices, default=SarStatus.RECEIVED)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The released response, exactly as released (redactions applied).
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    archive = models.BinaryField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"], name="sar_open_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["released", "nothing_held"])
                | models.Q(released_at__isnull=False),
                name="sar_released_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"subject access request {self.pk}"

    @property
    def subject_name(self) -> str:
        return f"{self.subject_first_name} {self.subject_last_name}".strip()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class SarItem(models.Model):
    """One record gathered for a request: its type (the archive's file), where it came from,
    a title and its fields as plain JSON. A withheld item is left out of the response."""

    request = models.ForeignKey(SubjectAccessRequest, on_delete=models.CASCADE, related_name="items")
    record_type = models.CharField(max_length=40)
    source = models.CharField(max_length=80)  # "cases.event:12"
    title = models.CharField(max_length=300)
    # A copy of the record, special category data and all: encrypted like the originals (docs/adr/0060).
    data = EncryptedJSONField(default=dict)
    position = models.PositiveIntegerField()
    withheld = models.BooleanField(default=False)
    withheld_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withheld=False) | ~models.Q(withheld_reason=""),
                name="sar_item_withheld_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SarRedaction(models.Model):
    """A passage (another person's name, a third party's details) removed from an item wherever
    it appears, with the reason, before release."""

    item = models.ForeignKey(SarItem, on_delete=models.CASCADE, related_name="redactions")
    passage = models.CharField(max_length=500)
    reason = models.CharField(max_length=300)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"redaction on item {self.item_id}"


class RectificationRequest(models.Model):
    """A person's request to correct their data (UK GDPR art. 16; DPA 2018 s.46): what they
    asked, which fields were changed (through people.services.person_update, so the change is
    on the audit trail) or why not, and whether they were told."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    received_on = models.DateField()
    requested = models.TextField()
    fields_changed = models.JSONField(default=list, blank=True)
    not_corrected_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    # The message that told them (None if it could not be written: no way to contact them).
    told_message_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"rectification request {self.pk}"


# --- retention (docs/adr/0052) -----------------------------------------------------------------


class RecordType(models.TextChoices):
    CASE = "case", "Case"
    PERSON = "person", "Person with no remaining case"
    SAFEGUARDING = "safeguarding", "Safeguarding record"
    MESSAGE = "message", "Message"
    AUDIT = "audit", "Audit row"
    SIGN_IN = "sign_in", "Sign-in record"


class RetentionRule(models.Model):
    """How long an organisation keeps one type of record, set by its administrator in place of
    the documented default (dataprotection.retention.DEFAULTS). No row: the default applies."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    months = models.PositiveIntegerField()
    reason = models.TextField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "record_type"], name="retention_rule_one_per_type"
            ),
            models.CheckConstraint(condition=models.Q(months__gte=1), name="retention_rule_at_least_a_month"),
        ]

    def __str__(self) -> str:
        return f"{self.record_type}: {self.months} months"


class LegalHold(models.Model):
    """A hold on a case or a person (litigation, an inquiry, an investigation, a complaint to
    the ICO): while it is in force nothing of theirs is erased, however old."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        "cases.VictimCase", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=True, person__isnull=False)
                | models.Q(case__isnull=False, person__isnull=True),
                name="legal_hold_on_one_record",
            ),
            models.CheckConstraint(
                condition=models.Q(lifted_at__isnull=True) | ~models.Q(lift_reason=""),
                name="legal_hold_lift_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"legal hold {self.pk}"


class Decision(models.TextChoices):
    ERASE = "erase", "Erase"
    KEEP = "keep", "Keep for longer"


class RetentionDecision(models.Model):
    """A review of a case or a person at the end of their period: erase, or keep until a later
    date, always with the reason."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        "cases.VictimCase", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    keep_until = models.DateField(null=True, blank=True)
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision="keep") | models.Q(keep_until__isnull=False),
                name="retention_keep_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"retention decision {self.pk}"


class ErasureRecord(models.Model):
    """What was erased, when and on whose decision. The case and person rows stay (anonymous,
    so the figures keep counting them); this row says their identifying data is gone, and
    `erased` lists, by table, how many rows had which fields removed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(
        "cases.VictimCase", null=True, blank=True, on_delete=models.PROTECT, related_name="erasure"
    )
    person = models.OneToOneField(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="erasure"
    )
    decision = models.ForeignKey(RetentionDecision, on_delete=models.PROTECT, related_name="+")
    erased_at = models.DateTimeField()
    erased_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The crime reference and opening date as they were, so the record of the erasure can be
    # found when the police ask (the crime reference is the police's, not the victim's).
    reference = models.CharField(max_length=60, blank=True)
    erased = models.JSONField(default=dict)

    class Meta:
        ordering = ["-erased_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case__isnull=False) | models.Q(person__isnull=False),
                name="erasure_of_something",
            ),
        ]

    def __str__(self) -> str:
        return f"erasure {self.pk}"
