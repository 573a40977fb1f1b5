"""The victims' portal: who may sign in for a case, one-time sign-in codes, and sign-in limits.

A victim signs in with the crime reference and an email address or mobile number already held
for them, then a six-digit code sent there (docs/adr/0021). Nothing here is a staff login: the
portal keeps its own keys in the session (victimcare/portal/auth.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from victimcare.accounts.models import Organisation
from victimcare.cases.models import VictimCase
from victimcare.people.models import Person


class AccountRole(models.TextChoices):
    VICTIM = "victim", "Victim"
    PARENT = "parent", "Parent or guardian of a child victim"
    SPOKESPERSON = "spokesperson", "Family spokesperson (bereaved family)"


class PortalAccess(models.Model):
    """Whether the portal is open for a case. No row means open (the default).

    Staff switch it off where, for example, an abuser may see the victim's phone. Switching it
    off ends every portal session of the case at once; `sessions_valid_from` also ends sessions
    signed in before it was switched on again."""

    case = models.OneToOneField(
        VictimCase, primary_key=True, on_delete=models.CASCADE, related_name="portal_access"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    enabled = models.BooleanField(default=True)
    reason = models.TextField(blank=True)  # why it was switched off, in staff's words
    sessions_valid_from = models.DateTimeField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Portal access for case {self.case_id}: {'on' if self.enabled else 'off'}"


class PortalAccount(models.Model):
    """Someone who may sign in to the portal for one case: the victim (the case's person), or a
    parent or guardian of a child victim, or a bereaved family's spokesperson.

    `person` is whose contact details the sign-in code goes to: the case's person for the victim,
    or the representative's own Person record (with their own email or mobile, safe-contact rules
    and language), so every message to them passes the same safe-contact rules (docs/adr/0021)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(VictimCase, on_delete=models.PROTECT, related_name="portal_accounts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="portal_accounts")
    role = models.CharField(max_length=20, choices=AccountRole.choices)
    display_name = models.CharField(max_length=200)
    # The language chosen in the portal ("en" or "cy"); blank until chosen: the person's language.
    language = models.CharField(max_length=5, blank=True)
    active = models.BooleanField(default=True)
    sessions_valid_from = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="portal_account_one_per_person_per_case"),
            models.CheckConstraint(
                condition=Q(role__in=[r for r, _ in AccountRole.choices]), name="portal_account_role_known"
            ),
            models.CheckConstraint(
                condition=Q(language__in=["", "en", "cy"]), name="portal_account_language"
            ),
        ]

    def __str__(self) -> str:
        return f"Portal account {self.pk} ({self.role}) on case {self.case_id}"

    @property
    def language_code(self) -> str:
        """The portal's language for this account: chosen here, else the person's, else English."""
        if self.language:
            return self.language
        return "cy" if self.person.language == "cy" else "en"


class SignInChallenge(models.Model):
    """One request for a sign-in code. Every request gets a row, whether or not the details
    match a case, so a wrong reference and a right one cost the same and answer the same; the
    job worker matches the details and, if they match, sets `account`, stores the code's hash and
    sends the code. Only hashes are kept: the session holds the token, the message the code."""

    token_hash = models.CharField(max_length=64, unique=True)
    reference = models.CharField(max_length=40)  # as typed, upper-cased: it is on every letter
    address_hash = models.CharField(max_length=64)  # keyed hash of the email or mobile typed
    channel = models.CharField(max_length=10)  # "email" or "sms", from what was typed
    language = models.CharField(max_length=5, default="en")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    processed_at = models.DateTimeField(null=True, blank=True)
    account = models.ForeignKey(
        PortalAccount, null=True, blank=True, on_delete=models.CASCADE, related_name="challenges"
    )
    code_hash = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="portal_challenge_created_idx")]

    def __str__(self) -> str:
        return f"Sign-in challenge {self.pk}"


class SignInLimit(models.Model):
    """One counted sign-in step, for the rate limits per reference, address and client address.
    `key` is a keyed hash, so the table holds no reference, address or IP in the clear."""

    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["kind", "key", "at"], name="portal_limit_idx"),
            models.Index(fields=["at"], name="portal_limit_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


class KeptDraft(models.Model):
    """What a victim was writing when their portal session timed out, kept on the server so it
    is offered back when the same account signs in again (docs/adr/0058). Never sent by itself:
    the victim checks it and sends it. One per account and page; deleted when sent, discarded,
    on "Exit this page", or PORTAL_DRAFT_HOURS after it was kept."""

    account = models.ForeignKey(PortalAccount, on_delete=models.CASCADE, related_name="kept_drafts")
    case = models.ForeignKey(VictimCase, on_delete=models.CASCADE, related_name="+")
    page = models.CharField(max_length=40)  # which form it came from, e.g. "messages"
    body = models.TextField()
    kept_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "page"], name="portal_kept_draft_one_per_page"),
        ]
        indexes = [models.Index(fields=["kept_at"], name="portal_kept_draft_at_idx")]

    def __str__(self) -> str:
        return f"Kept draft {self.pk} ({self.page}) for portal account {self.account_id}"
