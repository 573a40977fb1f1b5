"""Victims: who they are, how they may be contacted safely, and optional equality data."""

from __future__ import annotations

from datetime import date

from django.db import models

from victimcare.accounts.models import Organisation
from victimcare.fieldcrypt import EncryptedCharField, EncryptedEmailField, EncryptedTextField
from victimcare.people.names import name_key, sound_key

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

# The safe-contact rules: how, when and on which details the victim may be contacted, and the
# code word. Agreeing them with the victim (Person.safe_contact_recorded_at) covers these.
SAFE_CONTACT_FIELDS = (
    "allowed_channels",
    "email_unsafe",
    "phone_unsafe",
    "address_unsafe",
    "safe_time_from",
    "safe_time_to",
    "no_voicemail",
    "no_letters",
    "code_word",
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


# Kept by Person from its names, so saved whenever a name is.
NAME_KEY_FIELDS = ("first_name_key", "last_name_key", "first_name_sound", "last_name_sound")


OUTSIDE_THE_AREA = "Outside the force area"


class Person(models.Model):
    """A victim (or a bereaved family member) known to the service."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    # Lower-cased, accent-free copies for index-friendly prefix search on both databases.
    first_name_key = models.CharField(max_length=100, editable=False, db_index=True)
    last_name_key = models.CharField(max_length=100, editable=False)
    # How each name sounds (people.names.sound_key), so that search finds near spellings
    # ("Smyth" for "Smith") from an ordinary index.
    first_name_sound = models.CharField(max_length=4, editable=False, blank=True, default="")
    last_name_sound = models.CharField(max_length=4, editable=False, blank=True, default="")
    date_of_birth = models.DateField(null=True, blank=True)

    # The contact details and the code word are encrypted (docs/adr/0060): read and compared in
    # Python only (the portal compares keyed hashes of them), never searched in SQL.
    email = EncryptedEmailField(max_length=254, blank=True)
    phone = EncryptedCharField(max_length=20, blank=True)
    address = EncryptedTextField(blank=True)
    postcode = EncryptedCharField(max_length=10, blank=True)
    # The local authority area the victim lives in ("County Durham"), or OUTSIDE_THE_AREA: what
    # support matching uses, since a service covers where its clients live, not where the crime
    # happened. Blank when not known. A coarse area, not encrypted: one of a few values.
    home_area = models.CharField(max_length=60, blank=True)
    # A detail marked unsafe (e.g. an email the abuser can read) is never used to contact.
    email_unsafe = models.BooleanField(default=False)
    phone_unsafe = models.BooleanField(default=False)
    address_unsafe = models.BooleanField(default=False)

    allowed_channels = models.JSONField(default=list, blank=True)
    safe_time_from = models.TimeField(null=True, blank=True)
    safe_time_to = models.TimeField(null=True, blank=True)
    no_voicemail = models.BooleanField(default=False)
    no_letters = models.BooleanField(default=False)
    code_word = EncryptedCharField(max_length=100, blank=True)
    # Whether the safe-contact rules above were agreed with the victim (docs/adr/0042): when and
    # by whom the answer was recorded and, if they could not be agreed, why (for example, the
    # victim could not be reached safely). No referral is sent until one or the other is recorded.
    safe_contact_recorded_at = models.DateTimeField(null=True, blank=True)
    safe_contact_recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    safe_contact_not_agreed_reason = models.TextField(blank=True)
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
            "home_area",
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
            models.Index(fields=["last_name_sound", "first_name_sound"], name="person_name_sound_idx"),
            models.Index(fields=["first_name_sound"], name="person_first_sound_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_name_key__gt="") | models.Q(last_name_key__gt=""),
                name="person_has_a_name",
            ),
            models.CheckConstraint(
                condition=models.Q(safe_contact_not_agreed_reason="")
                | models.Q(safe_contact_recorded_at__isnull=False),
                name="person_not_agreed_reason_is_recorded",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self._set_name_keys()
        fields = kwargs.get("update_fields")
        if fields is not None and {"first_name", "last_name"} & set(fields):  # type: ignore[call-overload]
            kwargs["update_fields"] = {*fields, *NAME_KEY_FIELDS}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        self._set_name_keys()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def _set_name_keys(self) -> None:
        self.first_name_key = name_key(self.first_name)
        self.last_name_key = name_key(self.last_name)
        self.first_name_sound = sound_key(self.first_name)
        self.last_name_sound = sound_key(self.last_name)

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    @property
    def flag_labels(self) -> list[str]:
        return [VICTIM_FLAGS[f] for f in self.flags if f in VICTIM_FLAGS]

    @property
    def safe_contact_settled(self) -> bool:
        """The rules were agreed with the victim, or why they could not be is recorded."""
        return self.safe_contact_recorded_at is not None

    @property
    def safe_contact_agreed(self) -> bool:
        return self.safe_contact_settled and not self.safe_contact_not_agreed_reason

    @property
    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [str(labels[c]) for c in self.allowed_channels if c in labels]


class ProcessingRestriction(models.Model):
    """A restriction of processing of the person's data (UK GDPR art. 18; DPA 2018 s.47(2)),
    from when it was marked until it is lifted (docs/adr/0053). While one is in force the data
    is only stored: no message goes to the person (notify.safety), no referral is sent
    (support.services.referral_send) and no survey is offered (voice.offers). Lifting keeps the
    row, so the history stays."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="restrictions")
    reason = models.TextField()
    restricted_at = models.DateTimeField()
    restricted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-restricted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(lifted_at__isnull=True),
                name="one_restriction_in_force_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"restriction on {self.person_id} from {self.restricted_at:%Y-%m-%d}"


def restriction_in_force(person_id: int | None) -> ProcessingRestriction | None:
    """The person's restriction of processing now in force, or None."""
    if person_id is None:
        return None
    return ProcessingRestriction.objects.filter(person_id=person_id, lifted_at__isnull=True).first()
