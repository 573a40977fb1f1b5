"""The crime's Home Office outcome in plain words for the victim (English, and Welsh through the
portal's catalogue): the automatic update and the portal's timeline both read it, so the victim
reads the same words in either. No outcome number or official label reaches a victim.

Outcome 0 ("not yet assigned") is not an outcome and has no words: nothing is sent or shown."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

OUTCOME_WORDS: dict[int, Any] = {
    1: _("Someone has been charged with the crime, or told to go to court."),
    2: _(
        "The police have dealt with the crime by giving a young person a caution. "
        "This means the case will not go to court."
    ),
    3: _(
        "The police have dealt with the crime by giving an adult a caution. "
        "This means the case will not go to court."
    ),
    4: _("The crime will be dealt with at court together with other crimes the offender has admitted."),
    5: _("The police have closed the investigation because the person suspected of the crime has died."),
    6: _(
        "The police have dealt with the crime by giving a penalty notice, which is a fine. "
        "This means the case will not go to court."
    ),
    7: _("The police have dealt with the crime by giving a warning for having cannabis or khat."),
    8: _(
        "The police have dealt with the crime by a community resolution. This is a way of dealing "
        "with less serious crimes without going to court."
    ),
    9: _(
        "The Crown Prosecution Service has decided not to take the case to court, because it would "
        "not be in the public interest."
    ),
    10: _(
        "The police have closed the investigation because they decided that taking the case to court "
        "would not be in the public interest."
    ),
    11: _(
        "The police have closed the investigation because the person suspected of the crime is too "
        "young to be taken to court."
    ),
    12: _(
        "The police have closed the investigation because the person suspected of the crime is too "
        "ill to be taken to court."
    ),
    13: _(
        "The police have closed the investigation because the victim or an important witness has "
        "died or is too ill to give evidence."
    ),
    14: _(
        "The police have closed the investigation because no suspect was found and the victim does "
        "not want the police to take further action."
    ),
    15: _(
        "The police have closed the investigation because, although they know who the suspect is, "
        "there is not enough evidence to take the case to court."
    ),
    16: _(
        "The police have closed the investigation because, although they know who the suspect is, "
        "the victim does not want the police to take further action."
    ),
    17: _(
        "The police have closed the investigation because the time limit for taking this kind of "
        "case to court has passed."
    ),
    18: _(
        "The police have closed the investigation because they could not find out who committed the crime."
    ),
    19: _(
        "The crime has been passed to the National Fraud Intelligence Bureau, which looks into "
        "fraud across the country."
    ),
    20: _("Another organisation has taken over the investigation of the crime."),
    21: _(
        "The police have closed the investigation because they decided that investigating further "
        "would not be in the public interest."
    ),
    22: _(
        "The police have dealt with the crime by asking the person responsible to take part in a "
        "course or other activity, instead of taking the case to court."
    ),
}


def outcome_sentence(payload: dict[str, Any], language: str | None = None) -> str | None:
    """The victim's words for an `outcome_recorded` payload, in `language` ("en" or "cy"; the
    active language if None), or None where there are none (outcome 0)."""
    words = OUTCOME_WORDS.get(payload.get("outcome_type", -1))
    if words is None:
        return None
    if language is None:
        return str(words)
    with translation.override(language):
        return str(words)
