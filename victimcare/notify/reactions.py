"""What notify does after an event: write the victim's automatic update to the outbox.

Named in victimcare/pipeline/order.py, which runs it inside the transaction that recorded the
events: the message row commits with the event or not at all, and is sent after commit
(docs/adr/0030). A recompute (no new events) sends nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from victimcare.cases.pipeline import CaseEvents
from victimcare.notify import services


def victim_updates_queue(*, changes: Sequence[CaseEvents]) -> None:
    """For each event just recorded that victims are told about, the update for a victim who
    opted in (services.victim_update_queue decides which)."""
    for change in changes:
        for event in change.events:
            services.victim_update_queue(event=event)
