"""The advisory panel: experts and people with lived experience who advise the Commissioner on
victims' services (the Police and Crime Plan's commitment), their meetings and the actions
arising, which feed the Victims' Mission Board (docs/adr/0047).

A member's contact rules are recorded on the member, with the same names and meaning as a
victim's (people.models.SAFE_CONTACT_FIELDS): the channels they allow, details marked unsafe,
safe times, no voicemail, no letters and a code word. Withdrawing consent deletes their name
and contact details; their place in past meetings' attendance stays, as "Former member".
"""

from __future__ import annotations

from datetime import date

from django.db import models

from victimcare.accounts.models import Organisation
from victimcare.fieldcrypt import EncryptedCharField, EncryptedEmailField, EncryptedTextField
from victimcare.people.models import Channel

__all__ = ["ActionStatus", "AgendaItem", "MemberKind", "PanelAction", "PanelMeeting", "PanelMember"]

# Portal messages are for victims with a case: a member is reached by these only.
MEMBER_CHANNELS = [
    (c.value, str(c.label)) for c in (Channel.EMAIL, Channel.SMS, Channel.PHONE, Channel.LETTER)
]
WITHDRAWN_NAME = "Former member"


class MemberKind(models.TextChoices):
    EXPERT = "expert", "Expert"
    LIVED_EXPERIENCE = "lived_experience", "Person with lived experience"


class PanelMember(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=MemberKind.choices)
    member_organisation = models.CharField(max_length=200, blank=True)
    consent_recorded_on = models.DateField()
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    removed = models.TextField(blank=True)  # what withdrawal deleted, in a sentence
    # Contact details and the code word are encrypted, as a victim's are (docs/adr/0060).
    email = EncryptedEmailField(max_length=254, blank=True)
    phone = EncryptedCharField(max_length=40, blank=True)
    address = EncryptedTextField(blank=True, max_length=500)
    allowed_channels = models.JSONField(default=list, blank=True)
    email_unsafe = models.BooleanField(default=False)
    phone_unsafe = models.BooleanField(default=False)
    address_unsafe = models.BooleanField(default=False)
    safe_time_from = models.TimeField(null=True, blank=True)
    safe_time_to = models.TimeField(null=True, blank=True)
    no_voicemail = models.BooleanField(default=False)
    no_letters = models.BooleanField(default=False)
    code_word = EncryptedCharField(max_length=100, blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consent_withdrawn_at", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_withdrawn_at__isnull=True)
                | (
                    models.Q(email="", phone="", address="", code_word="", allowed_channels=[])
                    & models.Q(name=WITHDRAWN_NAME)
                ),
                name="panel_member_withdrawn_holds_no_details",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.consent_withdrawn_at is None

    def contact_routes(self) -> list[tuple[str, str]]:
        """(channel label, detail) of each way they may be contacted: a channel they allow, on
        a detail they gave that is not marked unsafe (and no letters if they said so)."""
        details = {
            Channel.EMAIL: "" if self.email_unsafe else self.email,
            Channel.SMS: "" if self.phone_unsafe else self.phone,
            Channel.PHONE: "" if self.phone_unsafe else self.phone,
            Channel.LETTER: "" if self.address_unsafe or self.no_letters else self.address,
        }
        labels = dict(MEMBER_CHANNELS)
        return [
            (labels[c], details[Channel(c)])
            for c in self.allowed_channels
            if c in labels and details[Channel(c)]
        ]


class PanelMeeting(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField()
    place = models.CharField(max_length=200)
    minutes = models.TextField(blank=True, max_length=20000)
    attendees = models.ManyToManyField(PanelMember, blank=True, related_name="meetings")
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Advisory panel meeting on {self.held_on:%-d %B %Y}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position")]

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    OPEN = "open", "Waiting for a response"
    RESPONDED = "responded", "Response received"
    DONE = "done", "Done"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PanelAction(models.Model):
    """An action arising from a meeting, tracked like a recommendation: an owner, a due date,
    the response, what was done and the evidence; the Victims' Mission Board sees the list."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField(max_length=2000)
    owner = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    due = models.DateField()
    for_mission_board = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    response = models.TextField(blank=True, max_length=4000)
    evidence = models.TextField(blank=True, max_length=4000)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["status", "due"], name="panel_action_status_due_idx")]

    def __str__(self) -> str:
        return f"Advisory panel action {self.pk}"

    def is_overdue(self, today: date) -> bool:
        return self.status == ActionStatus.OPEN and self.due < today
