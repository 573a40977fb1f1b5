"""What the imports store: police.uk files and their rows (area context, no victim's data)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from victimcare.ingest.policeuk import KIND_LABELS, OUTCOMES, STREET


class PoliceUkFile(models.Model):
    """One loaded police.uk file: a force's street-level crimes or outcomes for one month.

    There is at most one per (force, kind, month): loading the month again replaces it and its
    rows in one transaction, or changes nothing when the checksum is the same (docs/adr/0033)."""

    class Kind(models.TextChoices):
        STREET = STREET, KIND_LABELS[STREET]
        OUTCOMES = OUTCOMES, KIND_LABELS[OUTCOMES]

    force = models.CharField(max_length=100, help_text="As police.uk names it in 'Reported by'.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    month = models.DateField(help_text="The first day of the month the file is for.")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    crimes = models.PositiveIntegerField(default=0)
    anti_social_behaviour = models.PositiveIntegerField(default=0)
    outside_force = models.PositiveIntegerField(default=0)
    repeats = models.PositiveIntegerField(default=0)
    without_coordinates = models.PositiveIntegerField(default=0)
    unrecognised = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField(auto_now=True)
    loaded_by = models.CharField(max_length=200)

    class Meta:
        ordering = ["force", "-month", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "kind", "month"], name="policeuk_file_one_per_force_kind_month"
            ),
            models.CheckConstraint(condition=Q(kind__in=[STREET, OUTCOMES]), name="policeuk_file_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.force} {self.get_kind_display()} {self.month:%Y-%m}"


class _PublishedRow(models.Model):
    """The columns street and outcomes files share, as published (stripped, nothing else)."""

    file = models.ForeignKey(PoliceUkFile, on_delete=models.CASCADE, related_name="+")
    line = models.PositiveIntegerField(help_text="The line of the file the row was read from.")
    crime_id = models.CharField(max_length=64, blank=True)
    month = models.DateField()
    falls_within = models.CharField(max_length=100)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    lsoa_code = models.CharField(max_length=9, blank=True)
    lsoa_name = models.CharField(max_length=100, blank=True)
    in_force_area = models.BooleanField()
    # A second or later row of the file with a Crime ID already seen in it; figures skip these.
    repeat = models.BooleanField(default=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.file} line {self.line}"


class StreetCrime(_PublishedRow):
    """A street-level crime or anti-social behaviour row. Anti-social behaviour has no Crime ID."""

    crime_type = models.CharField(max_length=60)
    last_outcome_category = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["file", "line"], name="policeuk_street_one_row_per_line"),
            # Keyed by Crime ID where there is one: the first row with an ID in a file is unique.
            models.UniqueConstraint(
                fields=["file", "crime_id"],
                condition=~Q(crime_id="") & Q(repeat=False),
                name="policeuk_street_crime_id_unique_per_file",
            ),
        ]
        indexes = [
            models.Index(fields=["month", "lsoa_code"], name="policeuk_street_month_lsoa_idx"),
            models.Index(fields=["crime_id"], name="policeuk_street_crime_id_idx"),
        ]


class CrimeOutcome(_PublishedRow):
    """An outcome row: what happened to a crime (of this month or earlier) in the file's month."""

    outcome_type = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["file", "line"], name="policeuk_outcome_one_row_per_line"),
        ]
        indexes = [
            models.Index(fields=["month", "lsoa_code"], name="policeuk_outc_month_lsoa_idx"),
            models.Index(fields=["file", "crime_id"], name="policeuk_outc_crime_id_idx"),
        ]
