"""A file that is not the documented feed format is refused before any row is written."""

from __future__ import annotations

import pytest
from django.core.management import CommandError

from tests.ingest.conftest import STREET_HEADER, crime_line, import_feed
from victimcare.ingest.models import FeedRecord, FeedRun

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("feed.csv", STREET_HEADER + "\n", "the first line is not the feed header"),
        (
            "feed.csv",
            "record,id\n" + crime_line("C1", "DU/1/26") + "\n",
            "the first line is not the feed header",
        ),
        ("feed.csv", "", "the file is empty"),
        ("feed.jsonl", "record,id,crime_id\n", "the first line is not a JSON object"),
        ("feed.jsonl", '["crime", "C1"]\n', "the first line is not a feed record"),
        ("feed.xlsx", "anything", "the file name must end .csv or .jsonl"),
    ],
)
def test_it_refuses_the_file_before_writing(tmp_path, personas, name, content, message) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        import_feed(path)
    assert not FeedRun.objects.exists() and not FeedRecord.objects.exists()


def test_it_refuses_a_user_who_may_not_open_cases(tmp_path, personas) -> None:
    path = tmp_path / "feed.csv"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="ana is not an active member of staff who may open cases"):
        import_feed(path, user="ana")
