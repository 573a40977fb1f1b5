"""What safeguarding does after an event or a change to a person: keep the derived flags true.

One policy for the stored safeguarding flags on a case (docs/adr/0030): each is derived from
recorded facts, refreshed by the reaction below after every recording on the case (and every
change to its victim), in the same transaction, and never audited (it records no one's
decision). Named in victimcare/pipeline/order.py.

- `vulnerable`: the Victims' Code definition as the engine found it (under 18 at the offence,
  or a recorded ground), read from the stored rights, so this runs after
  rights.reactions.entitlements_refresh;
- `repeat_victim`: one of SAFEGUARDING_REPEAT_VICTIM_CRIMES (default 2) or more crimes against
  the victim reported within SAFEGUARDING_REPEAT_VICTIM_MONTHS (default 12) months of each other,
  over all the victim's cases (so opening a case can flag their others too).

The MARAC criteria are not stored: "in the last 12 months" counts back from today, so a stored
flag would go stale on a day when nothing is recorded; they are worked out when the page asks
(safeguarding.selectors.marac_facts) and stored only as the criteria of a referral when made.
"""

from __future__ import annotations

from collections.abc import Sequence

from victimcare.cases.models import VictimCase
from victimcare.cases.pipeline import CaseEvents
from victimcare.people.models import Person
from victimcare.rights.models import CaseRights
from victimcare.rights.reactions import RIGHTS_PERSON_FIELDS
from victimcare.rights.services import VULNERABLE_REASON, any_of, fetch_rows
from victimcare.safeguarding.services import repeat_victims_refresh


def derived_flags_refresh(*, changes: Sequence[CaseEvents]) -> None:
    """Refresh `vulnerable` on the cases touched and `repeat_victim` on every case of their
    victims; in a handful of queries for the whole batch, writing only flags that change."""
    cases = [change.case for change in changes]
    vulnerable = _vulnerable_refresh([case.pk for case in cases])
    repeat = repeat_victims_refresh(person_ids={case.person_id for case in cases})
    for case in cases:  # keep the caller's objects true as well
        case.vulnerable = vulnerable.get(case.pk, case.vulnerable)
        case.repeat_victim = case.pk in repeat


def person_flags_refresh(*, person: Person, changed: frozenset[str]) -> None:
    """A new date of birth or victim flag can make the victim vulnerable (or no longer)."""
    if changed & RIGHTS_PERSON_FIELDS:
        _vulnerable_refresh(list(VictimCase.objects.filter(person=person).values_list("id", flat=True)))


def _vulnerable_refresh(case_ids: Sequence[int]) -> dict[int, bool]:
    """Set `vulnerable` from each case's stored rights; a case whose rights could not be worked
    out (an `error`) keeps its flag. Returns the value for each case that has one."""
    found = {
        case_id: any(reason.startswith(VULNERABLE_REASON) for reason in reasons)
        for case_id, reasons in fetch_rows(
            CaseRights.objects.filter(any_of("case_id", case_ids), error="").values_list("case_id", "reasons")
        )
    }
    for value in (True, False):
        ids = [case_id for case_id, v in found.items() if v is value]
        if ids:
            VictimCase.objects.filter(any_of("id", ids)).exclude(vulnerable=value).update(vulnerable=value)
    return found
