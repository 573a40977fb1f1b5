"""Second-factor enrolment and verification for staff (TOTP with recovery codes)."""

from __future__ import annotations

import secrets

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimcare.accounts.models import User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record

RECOVERY_CODE_COUNT = 10


def has_second_factor(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


@transaction.atomic
def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """A fresh, unconfirmed authenticator for the user; any earlier unconfirmed one is dropped."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def totp_enrolment_confirm(*, user: User, code: str) -> list[str] | None:
    """Confirm the pending authenticator with a code it shows; returns new recovery codes,
    or None if the code is wrong."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).select_for_update().first()
    if device is None or not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    codes = recovery_codes_replace(user=user)
    audit_record(actor=user, action=Action.MFA_ENROLLED, obj=user)
    return codes


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """New single-use recovery codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
    device.token_set.all().delete()
    codes = [f"{secrets.token_hex(3)}{secrets.token_hex(2)}" for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def second_factor_verify(*, user: User, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts `code` (an authenticator code, or a recovery code, which is
    then used up), or None. django-otp throttles repeated failures on each device."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(code):
            return device
    for static in StaticDevice.objects.filter(user=user, confirmed=True):
        if static.verify_is_allowed()[0] and static.verify_token(code):
            audit_record(actor=user, action=Action.RECOVERY_CODE_USED, obj=user)
            return static
    return None
