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


# --- the police feed (docs/feed-format.md) ------------------------------------------------


class FeedRun(models.Model):
    """One import of a feed file. Batches commit one at a time; `last_line` is the last line of
    the last committed batch, so `import_feed --resume` carries on after it (docs/adr/0033)."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running or stopped part way"
        COMPLETED = "completed", "Completed"

    force = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    batch_size = models.PositiveIntegerField()
    batches = models.PositiveIntegerField(default=0)
    last_line = models.PositiveIntegerField(default=0)
    bytes_read = models.BigIntegerField(
        default=0, help_text="How far into the file the committed batches reach."
    )
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    corrected = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    opted_out = models.PositiveIntegerField(default=0)
    for_review = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["sha256", "status"], name="feed_run_file_idx")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def percent_read(self) -> int:
        return (
            100
            if self.status == self.Status.COMPLETED
            else min(99, self.bytes_read * 100 // max(self.size, 1))
        )


class FeedRefusal(models.Model):
    """A row the import refused: its line, record, source id, the field and why. Never the row's
    values (they may be a victim's details)."""

    run = models.ForeignKey(FeedRun, on_delete=models.CASCADE, related_name="refusals")
    line = models.PositiveIntegerField()
    record = models.CharField(max_length=10, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    field = models.CharField(max_length=50)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["run", "line"]

    def __str__(self) -> str:
        return f"line {self.line}: {self.field} {self.reason}"


class FeedRecord(models.Model):
    """What the feed has said about one source record, keyed by the source system's own ids:
    a crime (held until its victim arrives), a victim of a crime, or an event. `digest` is the
    checksum of the row as last imported: the same digest changes nothing."""

    force = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    record = models.CharField(max_length=10)
    source_id = models.CharField(max_length=64)
    crime_source_id = models.CharField(max_length=64, blank=True, help_text="For a victim: their crime.")
    digest = models.CharField(max_length=64)
    crime_data = models.JSONField(default=dict, blank=True, help_text="A crime's facts until its case opens.")
    crime = models.ForeignKey(
        "cases.Crime", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.VictimCase", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        "cases.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opted_out = models.BooleanField(
        default=False, help_text="A victim who opted out of referral: no details kept."
    )
    run = models.ForeignKey(FeedRun, on_delete=models.PROTECT, related_name="+")
    line = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["force", "record", "source_id", "crime_source_id"],
                name="feed_record_one_per_source_id",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record} {self.source_id}"


class PossibleMatch(models.Model):
    """The review queue: an imported victim who may be someone already known. Nothing is merged
    by the import; a member of staff decides (ingest.services.possible_match_link or
    possible_match_keep_apart), and the decision is kept with who made it and when."""

    class Reason(models.TextChoices):
        SAME_SOURCE_ID = "same_source_id", "The feed used the same victim id for an earlier crime"
        SAME_NAME_AND_BIRTH = "same_name_and_birth", "Same name and date of birth"
        DETAILS_CHANGED = "details_changed", "The feed sent different details for this victim"

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(FeedRun, on_delete=models.PROTECT, related_name="possible_matches")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    known = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey("cases.VictimCase", on_delete=models.PROTECT, related_name="+")

    class Decision(models.TextChoices):
        LINKED = "linked", "The same person: the imported case was moved to the record already held"
        KEPT_APART = "kept_apart", "Not the same person: both records kept"

    reason = models.CharField(max_length=30, choices=Reason.choices)
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["resolved", "-created_at"]
        indexes = [models.Index(fields=["organisation", "resolved"], name="feed_match_queue_idx")]

    def __str__(self) -> str:
        return f"{self.person} may be {self.known}"
