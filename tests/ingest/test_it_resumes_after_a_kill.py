"""Each batch commits with the run's progress, so an import killed part way keeps whole batches
only, and --resume carries on after the last one (tested outside a transaction)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError

from tests.ingest.conftest import crime_line, event_line, feed_file, import_feed, victim_line
from victimcare.cases.models import Event, VictimCase
from victimcare.ingest import feed_services
from victimcare.ingest.models import FeedRecord, FeedRun

pytestmark = pytest.mark.django_db(transaction=True)


class Killed(Exception):
    pass


def _feed(tmp_path, crimes: int):
    lines = []
    for n in range(crimes):
        lines += [
            crime_line(f"C{n}", f"DU/{n}/26"),
            victim_line(f"V{n}", f"C{n}"),
            event_line(f"E{n}", f"C{n}", f"V{n}"),
        ]
    return feed_file(tmp_path, lines)


def test_it_keeps_whole_batches_and_resumes_after_the_last(tmp_path, personas, monkeypatch) -> None:
    path = _feed(tmp_path, 6)  # 18 rows: batches of 4 rows, killed after the second
    committed = []

    def kill_after_two(run: FeedRun) -> None:
        committed.append(run.batches)
        if len(committed) == 2:
            raise Killed

    monkeypatch.setattr(feed_services, "after_batch", kill_after_two)
    with pytest.raises(Killed):
        import_feed(path, "--batch-size", "4")
    run = FeedRun.objects.get()
    assert (run.status, run.batches, run.last_line, run.rows) == ("running", 2, 9, 8)
    assert FeedRecord.objects.count() == 8  # two whole batches, nothing of the third
    assert VictimCase.objects.count() == 3  # victims on lines 3, 6 and 9

    monkeypatch.setattr(feed_services, "after_batch", lambda run: None)
    output = import_feed(path, "--resume", "--batch-size", "4")
    run.refresh_from_db()
    assert (run.status, run.rows, run.created, run.refused) == ("completed", 18, 18, 0)
    assert "imported in 5 batches" in output
    assert VictimCase.objects.count() == 6
    assert Event.objects.filter(type="suspect_arrested").count() == 6  # none twice


def test_it_says_when_there_is_nothing_to_resume(tmp_path, personas) -> None:
    path = _feed(tmp_path, 1)
    import_feed(path)
    with pytest.raises(CommandError, match=r"there is no stopped import of feed\.csv to resume"):
        import_feed(path, "--resume")
