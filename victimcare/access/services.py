"""Staff users, from a page rather than the shell: an administrator adds a member of staff,
deactivates one, or resets a second factor (docs/adr/0044). Each change is audited.

Which users an administrator manages is the gate's answer (staff_organisations_for: the
organisations of their force area); the page asks the capability and the gate first, and each
service checks the organisation again, so a service called from elsewhere cannot reach past it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimcare.access.capabilities import staff_role_refusal
from victimcare.access.gate import staff_organisations_for
from victimcare.accounts.models import Organisation, Team, User
from victimcare.audit.models import Action
from victimcare.audit.services import audit_record
from victimcare.refusals import Refusal


def _check_managed(actor: User, organisation: Organisation | None, field: str = "") -> None:
    if organisation is None or not staff_organisations_for(actor).filter(pk=organisation.pk).exists():
        raise Refusal(field, "You cannot manage the staff of that organisation")


@transaction.atomic
def staff_user_add(
    *,
    actor: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    organisation: Organisation,
    role: str,
    teams: Iterable[Team] = (),
) -> tuple[User, str]:
    """A new member of staff with a one-time password for their first sign-in, where they set
    up their own second factor. Returns the user and that password (shown once, never kept)."""
    _check_managed(actor, organisation, "organisation")
    refusal = staff_role_refusal(role, organisation)
    if refusal:
        raise Refusal("role", refusal)
    if User.objects.filter(username__iexact=username).exists():
        raise Refusal("username", "That username is taken. Choose another")
    chosen = list(teams)
    if any(team.organisation_id != organisation.pk for team in chosen):
        raise Refusal("teams", f"Choose teams of {organisation.name}")
    password = "-".join(secrets.token_hex(3) for _ in range(4))
    user = User.objects.create_user(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        organisation=organisation,
        role=role,
        password=password,
    )
    user.teams.set(chosen)
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=user,
        changes={
            "username": [None, username],
            "organisation": [None, organisation.pk],
            "role": [None, role],
            "teams": [None, sorted(t.pk for t in chosen)],
        },
    )
    return user, password


@transaction.atomic
def staff_user_deactivate(*, actor: User, user: User) -> User:
    """The user can no longer sign in, and any session they have stops working. Their name
    stays on everything they recorded."""
    _check_managed(actor, user.organisation)
    if user.pk == actor.pk:
        raise Refusal("", "You cannot deactivate yourself. Ask another administrator")
    if not user.is_active:
        raise Refusal("", f"{user.display_name} is already deactivated")
    User.objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    audit_record(actor=actor, action=Action.UPDATE, obj=user, changes={"is_active": [True, False]})
    return user


@transaction.atomic
def second_factor_reset(*, actor: User, user: User) -> User:
    """Remove the user's authenticator and recovery codes (a lost phone): at their next sign-in
    they set up a new one, and a session that passed the old one stops working."""
    _check_managed(actor, user.organisation)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action=Action.MFA_RESET, obj=user)
    return user
