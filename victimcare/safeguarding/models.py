"""DASH risk assessments, MARAC referrals and meetings, and protective orders.

Every row carries its organisation key (DESIGN.md, Storage and scale). Safeguarding rows hang
off a case and are read only through the case's access gate (access/gate.py), so someone
who cannot open the case cannot learn that a risk assessment or an order exists.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from victimcare.accounts.models import Organisation
from victimcare.cases.models import VictimCase
from victimcare.fieldcrypt import EncryptedJSONField, EncryptedTextField
from victimcare.people.models import Person
from victimcare.safeguarding import dash


class RiskAssessment(models.Model):
    """One SafeLives Dash risk checklist. A draft may be saved and changed; once completed it
    is never changed (a new assessment is started instead), so the history is kept."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="risk_assessments")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Encrypted (docs/adr/0060), like the other free text about the risk the victim faces.
    answers = EncryptedJSONField(default=dict, blank=True)  # {"1": "yes", ...} question number to answer
    notes = EncryptedJSONField(default=dict, blank=True)  # {"1": "text", ...}
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    scored_level = models.CharField(max_length=10, choices=dash.LEVELS, blank=True)
    judgement_level = models.CharField(max_length=10, choices=dash.LEVELS, blank=True)
    judgement_reason = EncryptedTextField(blank=True)
    level = models.CharField(max_length=10, choices=dash.LEVELS, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-completed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="draft"), name="one_draft_risk_assessment_per_case"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(score__isnull=False, completed_at__isnull=False) & ~Q(level="")),
                name="completed_risk_assessment_has_score_and_level",
            ),
            models.CheckConstraint(condition=Q(score__lte=24), name="risk_assessment_score_at_most_24"),
        ]
        indexes = [models.Index(fields=["case", "status", "-completed_at"], name="risk_case_idx")]

    def __str__(self) -> str:
        return f"Risk assessment {self.pk} ({self.status})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def level_label(self) -> str:
        return dash.LEVEL_LABELS.get(self.level, "")

    @property
    def raised_by_judgement(self) -> bool:
        return bool(self.level and self.scored_level and self.level != self.scored_level)

    @property
    def rows(self) -> list[dict[str, object]]:
        """Each question with its answer and notes, for the completed assessment's page."""
        return [
            {
                "question": q,
                "answer": dash.ANSWER_LABELS.get(self.answers.get(q.key, ""), "Not answered"),
                "notes": self.notes.get(q.key, ""),
            }
            for q in dash.QUESTIONS
        ]


class MaracMeeting(models.Model):
    """A Multi-Agency Risk Assessment Conference in a police force area."""

    force = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    area = models.CharField(max_length=100)
    held_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["force", "-held_on"], name="marac_meeting_force_idx")]

    def __str__(self) -> str:
        return f"MARAC {self.area}, {self.held_on:%d %B %Y}"


class MaracReferral(models.Model):
    """A case referred to MARAC, with the criteria it met when it was referred."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="marac_referrals")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="marac_referrals")
    referred_at = models.DateTimeField()
    criteria = models.JSONField(default=list)  # criterion codes (safeguarding.marac.CRITERIA)
    reason = EncryptedTextField(blank=True)
    risk_assessment = models.ForeignKey(
        RiskAssessment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    meeting = models.ForeignKey(
        MaracMeeting, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-referred_at", "-id"]
        indexes = [models.Index(fields=["person", "-referred_at"], name="marac_referral_person_idx")]

    def __str__(self) -> str:
        return f"MARAC referral {self.pk}"

    @property
    def criteria_labels(self) -> list[str]:
        from victimcare.safeguarding.marac import CRITERIA

        return [CRITERIA.get(code, code) for code in self.criteria]


class MaracAction(models.Model):
    """An action agreed at a MARAC meeting for one referred case."""

    meeting = models.ForeignKey(MaracMeeting, on_delete=models.PROTECT, related_name="actions")
    referral = models.ForeignKey(MaracReferral, on_delete=models.PROTECT, related_name="actions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    description = EncryptedTextField()
    owner = models.CharField(max_length=200)
    due_on = models.DateField()
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done=False) | Q(done_at__isnull=False), name="marac_action_done_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"MARAC action {self.pk}"


class OrderType(models.TextChoices):
    DAPO = "dapo", "Domestic abuse protection order"
    SPO = "spo", "Stalking protection order"
    NMO = "nmo", "Non-molestation order"
    RESTRAINING = "restraining", "Restraining order"


class OrderEnding(models.TextChoices):
    DISCHARGED = "discharged", "Discharged by the court"
    ENDED_EARLY = "ended_early", "Ended early for another reason"


class ProtectiveOrder(models.Model):
    """A court order protecting the victim. An order with no expiry date runs until the court
    says otherwise (a restraining order may be made "until further order").

    `conditions` and `expires_on` are the order as it stands now: those of its latest
    variation, else as made. `made_conditions` and `made_expires_on` keep the order as the
    court first made it, and each `OrderVariation` keeps what it changed, so the history
    stays (docs/adr/0028). An order ended early (`ended_on`) is no longer in force, whatever
    its expiry date said."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="protective_orders")
    order_type = models.CharField(max_length=20, choices=OrderType.choices)
    conditions = EncryptedTextField()
    court = models.CharField(max_length=200)
    starts_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    made_conditions = EncryptedTextField()
    made_expires_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    ending = models.CharField(max_length=20, choices=OrderEnding.choices, blank=True)
    end_reason = EncryptedTextField(blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["expires_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("starts_on")),
                name="protective_order_expires_after_start",
            ),
            models.CheckConstraint(
                condition=(Q(ended_on__isnull=True) & Q(ending=""))
                | (Q(ended_on__gte=models.F("starts_on")) & ~Q(ending="")),
                name="protective_order_ended_has_date_and_how",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "expires_on"], name="order_expiry_idx")]

    def __str__(self) -> str:
        return f"{self.get_order_type_display()} {self.pk}"

    @property
    def is_ended(self) -> bool:
        return self.ended_on is not None


class OrderVariation(models.Model):
    """A court's variation of a protective order: the conditions and expiry date as they stand
    after it (a snapshot, so each step of the history reads on its own). Never changed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    order = models.ForeignKey(ProtectiveOrder, on_delete=models.PROTECT, related_name="variations")
    varied_on = models.DateField()
    court = models.CharField(max_length=200)
    conditions = EncryptedTextField()
    expires_on = models.DateField(null=True, blank=True)
    conditions_changed = models.BooleanField()
    expiry_changed = models.BooleanField()
    note = EncryptedTextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["varied_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("varied_on")),
                name="order_variation_expires_after_variation",
            ),
            models.CheckConstraint(
                condition=Q(conditions_changed=True) | Q(expiry_changed=True),
                name="order_variation_changes_something",
            ),
        ]

    def __str__(self) -> str:
        return f"Variation {self.pk} of order {self.order_id}"


class PoliceIncident(models.Model):
    """An incident the police attended for the victim that was not recorded as a crime (a
    domestic call-out, say). Domestic abuse incidents count with the victim's crimes towards
    the MARAC criteria of potential escalation and repeat MARAC (docs/adr/0028)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="police_incidents")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="police_incidents")
    occurred_on = models.DateField()
    reference = models.CharField(max_length=50)  # the force's incident (command and control) log number
    domestic_abuse = models.BooleanField()
    note = EncryptedTextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "reference"], name="police_incident_once_per_case"),
        ]
        indexes = [models.Index(fields=["person", "occurred_on"], name="police_incident_person_idx")]

    def __str__(self) -> str:
        return f"Police incident {self.pk}"
