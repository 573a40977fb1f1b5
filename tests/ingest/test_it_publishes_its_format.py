"""docs/feed-format.md says what the importer reads: the same header and the same event types."""

from __future__ import annotations

import re
from pathlib import Path

from tests.ingest.conftest import EXAMPLES, FEED_COLUMNS
from victimcare.cases.events import EVENT_TYPES
from victimcare.ingest.feed import COLUMNS, FEED_EVENT_TYPES

DOC = Path(__file__).resolve().parents[2] / "docs" / "feed-format.md"


def test_it_documents_the_header_the_importer_checks() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert ",".join(COLUMNS) in text
    assert tuple(FEED_COLUMNS) == COLUMNS
    assert (EXAMPLES / "feed-example.csv").read_text(encoding="utf-8").splitlines()[0] == ",".join(COLUMNS)


def test_it_documents_every_event_type_the_feed_can_record() -> None:
    section = DOC.read_text(encoding="utf-8").split("Event types:", 1)[1].split("## ", 1)[0]
    named = set(re.findall(r"`([a-z_]+)`", section))
    fields = {f.name for code in FEED_EVENT_TYPES for f in EVENT_TYPES[code].payload}
    assert named >= FEED_EVENT_TYPES
    assert named - FEED_EVENT_TYPES <= fields
