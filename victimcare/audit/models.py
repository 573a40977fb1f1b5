"""The audit trail: every change, and every look at a victim's record.

The trail is append-only and hash-chained (docs/adr/0039): each row carries the hash of the row
before it (`prev_hash`) and a SHA-256 of its own content with that link (`hash`), written by
victimcare/audit/chain.py; database triggers refuse UPDATE, and DELETE unless an erasure permit
is held; `manage.py audit_verify` walks the chain.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

# The link before the first row: 64 zeros.
GENESIS = "0" * 64


class AppendOnlyAuditError(RuntimeError):
    pass


class Action(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    SEARCH = "search", "Searched"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_OUT = "sign_out", "Signed out"
    MFA_ENROLLED = "mfa_enrolled", "Set up a second factor"
    RECOVERY_CODE_USED = "recovery_code_used", "Used a recovery code"
    MFA_RESET = "mfa_reset", "Reset a second factor"
    ERASE = "erase", "Erased"
    # A list, search result or drill-down: what was shown, how many and which (docs/adr/0054).
    LIST = "list", "Listed"
    # A download (CSV, XLSX) of what a page shows: it leaves the system.
    EXPORT = "export", "Exported"
    # A victim's data sent to another organisation (a referral to a provider).
    SHARE = "share", "Shared"
    # Two records joined (an imported victim linked to the person already held).
    COMBINE = "combine", "Combined"
    # Part 3 "disclosure" (DPA 2018 s.62): a subject access response released (docs/adr/0053).
    DISCLOSE = "disclose", "Disclosed"


# The logging categories of the Data Protection Act 2018 Part 3, s.62: collection, alteration,
# consultation, disclosure (including transfers), combination and erasure. Each Action has
# exactly one, in CATEGORY_OF and nowhere else (tests/audit/test_it_categorises_every_action.py);
# sign-ins and second factors are the system's security record, not processing of a victim's
# data, so they have a category of their own (docs/adr/0054). An action added here needs a line
# there.
class Category(models.TextChoices):
    COLLECTION = "collection", "Collection"
    ALTERATION = "alteration", "Alteration"
    CONSULTATION = "consultation", "Consultation"
    DISCLOSURE = "disclosure", "Disclosure"
    COMBINATION = "combination", "Combination"
    ERASURE = "erasure", "Erasure"
    SECURITY = "security", "Sign-in and security"


CATEGORY_OF: dict[str, Category] = {
    Action.CREATE: Category.COLLECTION,
    Action.UPDATE: Category.ALTERATION,
    Action.VIEW: Category.CONSULTATION,
    Action.SEARCH: Category.CONSULTATION,
    Action.LIST: Category.CONSULTATION,
    Action.EXPORT: Category.DISCLOSURE,
    Action.SHARE: Category.DISCLOSURE,
    Action.COMBINE: Category.COMBINATION,
    Action.DISCLOSE: Category.DISCLOSURE,
    Action.ERASE: Category.ERASURE,
    Action.SIGN_IN: Category.SECURITY,
    Action.SIGN_IN_FAILED: Category.SECURITY,
    Action.SIGN_OUT: Category.SECURITY,
    Action.MFA_ENROLLED: Category.SECURITY,
    Action.RECOVERY_CODE_USED: Category.SECURITY,
    Action.MFA_RESET: Category.SECURITY,
}


def actions_in(category: str) -> list[str]:
    """The actions logged under one s.62 category (to filter the trail by it)."""
    return [str(action) for action, cat in CATEGORY_OF.items() if cat == category]


class AuditEvent(models.Model):
    # Set before the insert (not auto_now_add, which would overwrite it) so the hash covers it.
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.CharField(max_length=50, blank=True)
    # Which victim's record was touched, so "who has looked at this person?" is one indexed query.
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.VictimCase", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changes = models.JSONField(default=dict, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False, default="")
    hash = models.CharField(max_length=64, editable=False, default="")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["person", "-at"], name="audit_person_idx"),
            models.Index(fields=["actor", "-at"], name="audit_actor_idx"),
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyAuditError("The audit trail is append-only: write a new row instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyAuditError("The audit trail is append-only: rows are erased only by retention.")

    @property
    def category(self) -> Category:
        """The row's s.62 logging category, from its action (never stored: the action says it)."""
        return CATEGORY_OF[self.action]


class AuditChainHead(models.Model):
    """One row (id 1): the end of the chain, locked by each writer so rows link in order.

    `anchor` is the link the oldest kept row must carry: GENESIS until retention erases the
    oldest rows, then the hash of the last erased row."""

    last_id = models.BigIntegerField(null=True)
    hash = models.CharField(max_length=64, default=GENESIS)
    anchor = models.CharField(max_length=64, default=GENESIS)

    def __str__(self) -> str:
        return f"audit chain head at row {self.last_id}"


class AuditErasurePermit(models.Model):
    """While a row exists here (only ever inside the transaction that erases), the triggers on
    the audit trail and the case timeline let DELETE and TRUNCATE through. Unmanaged, so
    `flush` leaves it alone: the table is made by migration 0003 with its triggers."""

    reason = models.CharField(max_length=200)

    class Meta:
        managed = False
        db_table = "audit_erasure_permit"

    def __str__(self) -> str:
        return self.reason
