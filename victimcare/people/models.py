"""Victims: who they are, how they may be contacted safely, and optional equality data."""

from __future__ import annotations

from datetime import date

from django.db import models

from victimcare.accounts.models import Organisation
from victimcare.people.names import name_key

PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    PHONE = "phone", "Phone call"
    LETTER = "letter", "Letter"
    PORTAL = "portal", "Online (victim portal)"


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    WELSH = "cy", "Welsh"
    OTHER = "other", "Another language"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PNTS = PREFER_NOT_TO_SAY


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PNTS = PREFER_NOT_TO_SAY


class Ethnicity(models.TextChoices):
    # The 2021 Census top-level groups for England and Wales.
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    PNTS = PREFER_NOT_TO_SAY


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    BUDDHIST = "buddhist", "Buddhist"
    CHRISTIAN = "christian", "Christian"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    PNTS = PREFER_NOT_TO_SAY


class SexualOrientation(models.TextChoices):
    STRAIGHT = "straight", "Straight or heterosexual"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    PNTS = PREFER_NOT_TO_SAY


# The optional equality data (special category data under UK GDPR art. 9).
EQUALITY_FIELDS = (
    "sex",
    "gender_identity_same_as_sex",
    "ethnicity",
    "disability",
    "religion",
    "sexual_orientation",
)

# Victim flags named by the Victims' Code contract (enhanced rights).
VICTIM_FLAGS: dict[str, str] = {
    "bereaved": "Bereaved close relative",
    "persistently_targeted": "Persistently targeted",
    "intimidated": "Intimidated (fear or distress about giving evidence)",
    "mental_disorder": "Mental disorder",
    "impaired_intelligence_social_functioning": "Significant impairment of intelligence and social functioning",
    "physical_disability": "Physical disability or physical disorder",
}


class Person(models.Model):
    """A victim (or a bereaved family member) known to the service."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    # Lower-cased, accent-free copies for index-friendly prefix search on both databases.
    first_name_key = models.CharField(max_length=100, editable=False, db_index=True)
    last_name_key = models.CharField(max_length=100, editable=False)
    date_of_birth = models.DateField(null=True, blank=True)

    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=20, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    # A detail marked unsafe (e.g. an email the abuser can read) is never used to contact.
    email_unsafe = models.BooleanField(default=False)
    phone_unsafe = models.BooleanField(default=False)
    address_unsafe = models.BooleanField(default=False)

    allowed_channels = models.JSONField(default=list, blank=True)
    safe_time_from = models.TimeField(null=True, blank=True)
    safe_time_to = models.TimeField(null=True, blank=True)
    no_voicemail = models.BooleanField(default=False)
    no_letters = models.BooleanField(default=False)
    code_word = models.CharField(max_length=100, blank=True)
    language = models.CharField(max_length=10, choices=Language.choices, default=Language.ENGLISH)
    other_language = models.CharField(max_length=100, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    accessibility_needs = models.TextField(blank=True)

    # Equality data: every field optional; "prefer not to say" is an answer, blank is "not asked".
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    gender_identity_same_as_sex = models.CharField(max_length=20, choices=YesNo.choices, blank=True)
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices, blank=True)
    disability = models.CharField(max_length=20, choices=YesNo.choices, blank=True)
    religion = models.CharField(max_length=20, choices=Religion.choices, blank=True)
    sexual_orientation = models.CharField(max_length=20, choices=SexualOrientation.choices, blank=True)

    flags = models.JSONField(default=list, blank=True)

    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Fields whose values never appear in the audit trail: the equality data and every
    # detail that identifies, locates or describes the victim.
    SENSITIVE_FIELDS = frozenset(
        {
            *EQUALITY_FIELDS,
            "code_word",
            "address",
            "email",
            "phone",
            "postcode",
            "date_of_birth",
            "flags",
            "accessibility_needs",
        }
    )

    class Meta:
        ordering = ["last_name_key", "first_name_key"]
        indexes = [
            models.Index(fields=["organisation", "last_name_key", "first_name_key"], name="person_name_idx"),
            models.Index(fields=["organisation", "date_of_birth"], name="person_dob_idx"),
            # Search spans the organisations a user can see, so it needs indexes without the
            # organisation in front (name prefixes; first_name_key has its own db_index).
            models.Index(fields=["last_name_key"], name="person_last_name_idx"),
            models.Index(fields=["date_of_birth"], name="person_dob_only_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_name_key__gt="") | models.Q(last_name_key__gt=""),
                name="person_has_a_name",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self._set_name_keys()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        self._set_name_keys()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def _set_name_keys(self) -> None:
        self.first_name_key = name_key(self.first_name)
        self.last_name_key = name_key(self.last_name)

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    @property
    def flag_labels(self) -> list[str]:
        return [VICTIM_FLAGS[f] for f in self.flags if f in VICTIM_FLAGS]

    @property
    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [str(labels[c]) for c in self.allowed_channels if c in labels]
