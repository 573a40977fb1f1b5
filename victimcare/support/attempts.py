"""What a provider's page says after tries at contact that did not work (docs/adr/0061).

After the service's number of tries on one way of contact (Service.contact_tries), the page says
to try another way: only a way the victim agreed to, whose detail the provider was sent and
that has not since been withdrawn as unsafe (sharing.safe_ways). It never suggests a way the
victim did not agree to; when there is none left, or the provider was not told the rules, it
says to ask the victim care service.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from victimcare.support.models import ContactAttempt, ContactChannel
from victimcare.support.sharing import SafeWays

LABELS = {c.value: str(c.label).lower() for c in ContactChannel}


def _words(channels: Iterable[str]) -> str:
    names = [LABELS.get(c, c) for c in channels]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


@dataclass(frozen=True)
class ContactAdvice:
    tries: int  # the service's tries on one way before another
    counts: dict[str, int]  # tries that did not work, by way of contact
    used_up: tuple[str, ...]  # ways tried `tries` times or more
    suggest: tuple[str, ...]  # agreed ways not yet used up, in the victim's order
    known: bool  # the provider was told which ways the victim agreed to

    @property
    def message(self) -> str:
        """What to do next, or "" while no way is used up."""
        if not self.used_up:
            return ""
        tried = "; ".join(
            f"{self.counts[c]} {'time' if self.counts[c] == 1 else 'times'} by {LABELS.get(c, c)}"
            for c in self.used_up
        )
        if not self.known:
            return (
                f"You have tried {tried}. You were not told which ways the victim agreed to be "
                "contacted: ask the victim care service before you try another way."
            )
        if self.suggest:
            return f"You have tried {tried}. Try another way the victim agreed to: {_words(self.suggest)}."
        return (
            f"You have tried {tried}. There is no other way the victim agreed to be contacted. Do not "
            "use a way they did not agree to: ask the victim care service what to do next."
        )


def contact_advice(attempts: Iterable[ContactAttempt], ways: SafeWays, tries: int) -> ContactAdvice:
    counts = Counter(a.channel for a in attempts)
    used_up = tuple(c for c in ContactChannel.values if counts[c] >= tries)
    suggest = tuple(c for c in ways.channels if counts[c] < tries)
    return ContactAdvice(tries, dict(counts), used_up, suggest, ways.known)
