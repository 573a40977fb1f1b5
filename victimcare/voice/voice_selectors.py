"""Reads for the Champions' pages that are not the theme counts (voice/theme_selectors.py)."""

from __future__ import annotations

from datetime import date

from victimcare.accounts.models import User
from victimcare.cases.models import VictimCase


def linkable_case(user: User, crime_reference: str, date_of_birth: date) -> VictimCase | None:
    """The case a victim agreed to link their account to: their organisation's case with that
    crime reference whose victim has that date of birth. Both must match, so a champion cannot
    learn from a reference alone that a case exists."""
    if user.organisation_id is None:
        return None
    return (
        VictimCase.objects.filter(
            organisation_id=user.organisation_id,
            crime__crime_reference__iexact=crime_reference.strip(),
            person__date_of_birth=date_of_birth,
        )
        .select_related("crime", "person")
        .first()
    )
