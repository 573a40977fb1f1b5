"""Crimes, victims' cases and the append-only event timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models

from victimcare.accounts.models import Organisation, Team
from victimcare.cases.events import EVENT_TYPE_CHOICES, EVENT_TYPES, STAGE_CHOICES, Stage
from victimcare.cases.vocab import CRIME_FLAGS, outcome_types
from victimcare.people.models import Channel, Person
from victimcare.people.names import reference_number


def at_court_in_area(force_id: int, *, via: str = "") -> models.Q:
    """Cases a Witness Care Unit works: at court or later, on crimes of its force area. The
    access gate scopes a witness care officer by it, and notify.reminders sends what the unit
    owes to its officers only on such a case (docs/adr/0044). `via` is the path to the case."""
    return models.Q(**{f"{via}crime__force_id": force_id, f"{via}stage__gte": Stage.COURT})


class Crime(models.Model):
    force = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="crimes")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="crimes")
    crime_reference = models.CharField(max_length=40)
    # The reference's running number (people.names.reference_number: "DU/00123/26" -> 123), so
    # that search finds a crime from part of its reference ("123", "00123/26").
    reference_number = models.BigIntegerField(null=True, blank=True, editable=False)
    ho_offence_code = models.CharField("Home Office offence code", max_length=10)
    crime_type = models.CharField("police.uk crime type", max_length=60)
    occurred_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField()
    lsoa_code = models.CharField("LSOA code", max_length=9, blank=True)
    lsoa_name = models.CharField("LSOA name", max_length=100, blank=True)
    # The latest outcome recorded on any case on the crime (an `outcome_recorded` event), kept
    # here by cases.reactions.crime_outcome_refresh; never written directly (docs/adr/0034).
    outcome_type = models.PositiveSmallIntegerField("Home Office outcome type", null=True, blank=True)
    outcome_at = models.DateTimeField("Outcome recorded for", null=True, blank=True)
    summary = models.TextField(blank=True)

    # The crime flags of the Victims' Code contract (enhanced rights).
    domestic_abuse = models.BooleanField(default=False)
    hate_crime = models.BooleanField(default=False)
    terrorism = models.BooleanField(default=False)
    sexual_offence = models.BooleanField(default=False)
    human_trafficking = models.BooleanField(default=False)
    modern_slavery = models.BooleanField(default=False)
    attempted_murder = models.BooleanField(default=False)
    kidnap = models.BooleanField(default=False)
    false_imprisonment = models.BooleanField(default=False)
    arson_endangering_life = models.BooleanField(default=False)
    gbh_with_intent = models.BooleanField(default=False)
    weapons_offence = models.BooleanField(default=False)

    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["force", "crime_reference"], name="crime_reference_unique_per_force"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome_type__isnull=True) | models.Q(outcome_type__lte=22),
                name="crime_outcome_type_0_to_22",
            ),
        ]
        indexes = [
            models.Index(fields=["crime_reference"], name="crime_reference_idx"),
            models.Index(fields=["reference_number"], name="crime_reference_number_idx"),
        ]

    def __str__(self) -> str:
        return self.crime_reference

    def save(self, *args: object, **kwargs: object) -> None:
        self.reference_number = reference_number(self.crime_reference)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def flags(self) -> list[str]:
        return [name for name in CRIME_FLAGS if getattr(self, name)]

    @property
    def flag_labels(self) -> list[str]:
        return [CRIME_FLAGS[name] for name in self.flags]

    @property
    def outcome_label(self) -> str:
        if self.outcome_type is None:
            return ""
        return outcome_types().get(self.outcome_type, "")


class ContactFrequency(models.TextChoices):
    KEY_EVENTS = "key_events", "Only when something important happens"
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Every month"


class CaseRole(models.TextChoices):
    VICTIM = "victim", "Victim"
    BEREAVED_RELATIVE = "bereaved_relative", "Bereaved close relative"
    PARENT_OF_CHILD = "parent_of_child", "Parent or guardian of a child victim"


class VictimCase(models.Model):
    """One person's part in one crime: the unit that rights, contact and support hang on."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    crime = models.ForeignKey(Crime, on_delete=models.PROTECT, related_name="cases")
    role = models.CharField(max_length=30, choices=CaseRole.choices, default=CaseRole.VICTIM)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="caseload"
    )
    officer_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="oic_cases"
    )
    stage = models.PositiveSmallIntegerField(choices=STAGE_CHOICES, default=Stage.REPORTED)
    contact_frequency = models.CharField(
        max_length=20, choices=ContactFrequency.choices, default=ContactFrequency.KEY_EVENTS
    )
    contact_channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    contact_notes = models.TextField(blank=True)
    # Derived flags kept on the row so the caseload can filter on them with an index.
    vulnerable = models.BooleanField(default=False)
    repeat_victim = models.BooleanField(default=False)
    opened_at = models.DateTimeField()
    last_event_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "crime"], name="one_case_per_person_per_crime"),
        ]
        indexes = [
            models.Index(fields=["organisation", "team", "-opened_at"], name="case_team_opened_idx"),
            models.Index(fields=["organisation", "-opened_at"], name="case_org_opened_idx"),
            models.Index(fields=["organisation", "stage", "-opened_at"], name="case_stage_idx"),
            models.Index(fields=["caseworker", "-opened_at"], name="case_caseworker_idx"),
            models.Index(fields=["officer_in_charge", "-opened_at"], name="case_oic_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.crime.crime_reference}: {self.person.full_name}"

    @property
    def stage_label(self) -> str:
        return Stage(self.stage).label


class EventSource(models.TextChoices):
    STAFF = "staff", "Staff"
    PORTAL = "portal", "Victim portal"
    IMPORT = "import", "Import"
    API = "api", "Partner API"


class AppendOnlyError(RuntimeError):
    pass


class Event(models.Model):
    """An entry on a case's timeline. Append-only: a correction is a new event that
    points at the one it corrects (`corrects`). A database trigger refuses any UPDATE
    (migration 0002), so history cannot be rewritten even from a shell; deletion is
    refused here, by PROTECT on the case, and by a trigger unless an erasure permit is held
    (migration 0007, docs/adr/0039)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="events")
    type = models.CharField(max_length=50, choices=EVENT_TYPE_CHOICES)
    occurred_at = models.DateTimeField()
    about = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="answers")
    corrects = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    payload = models.JSONField(default=dict, blank=True)
    notes = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=EventSource.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [
            models.Index(fields=["case", "occurred_at"], name="event_case_time_idx"),
            models.Index(fields=["type", "occurred_at"], name="event_type_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.type_label} ({self.occurred_at:%d %b %Y})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Events are append-only: record a correction instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Events are append-only and cannot be deleted.")

    @property
    def type_label(self) -> str:
        spec = EVENT_TYPES.get(self.type)
        return spec.label if spec else self.type

    @property
    def payload_items(self) -> list[tuple[str, Any]]:
        """(label, value) pairs for display, in the order the type declares them."""
        spec = EVENT_TYPES.get(self.type)
        if spec is None:
            return []
        items = []
        for f in spec.payload:
            if f.name in self.payload:
                value = self.payload[f.name]
                if f.kind == "choice" or (f.kind == "int" and f.choices):
                    value = dict(f.choices).get(value, value)
                elif f.kind == "bool":
                    value = "Yes" if value else "No"
                elif f.kind == "date":
                    value = date.fromisoformat(value).strftime("%-d %B %Y")
                items.append((f.label, value))
        return items
