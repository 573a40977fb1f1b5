"""The upload page: a supervisor uploads a feed file, the job worker imports it (here at once),
and the run's page shows how far it got and every refused row. Everyone else gets 404."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.ingest.conftest import EXAMPLES, STREET_HEADER, crime_line, feed_file, victim_line
from victimcare.audit.models import AuditEvent
from victimcare.cases.models import VictimCase
from victimcare.ingest.feed_services import feed_run_start
from victimcare.ingest.models import FeedRun

pytestmark = pytest.mark.django_db
URL = "/imports/feed/"
ALLOWED = ("sue", "fran")
REFUSED = ("cara", "cole", "olly", "wendy", "pat", "chad", "ana", "adam", "otto")


@pytest.fixture(autouse=True)
def _worker(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.INGEST_UPLOAD_DIR = tmp_path / "uploads"


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_it_imports_the_upload_and_shows_the_run(client_for, personas) -> None:
    client = client_for("sue")
    response = client.post(URL, {"file": _upload("monday.csv", (EXAMPLES / "feed-example.csv").read_bytes())})
    run = FeedRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{URL}{run.id}/"
    assert (run.status, run.file_name, run.created, run.started_by) == (
        "completed",
        "monday.csv",
        5,
        personas["sue"],
    )
    assert VictimCase.objects.get().caseworker is None
    html = client.get(f"{URL}{run.id}/").content.decode()
    assert "Import complete" in html and "7 rows read, 0 refused" in html
    assert AuditEvent.objects.filter(actor=personas["sue"], action="view", object_type="feedrun").exists()
    assert 'href="/imports/feed/' in client.get(URL).content.decode()


def test_it_lists_the_refused_rows_by_id_and_never_their_values(client_for, personas, tmp_path) -> None:
    path = feed_file(
        tmp_path, [crime_line("C1", "DU/1/26"), victim_line("V1", "C1", date_of_birth="14/02/1987")]
    )
    client = client_for("fran")
    client.post(URL, {"file": _upload("feed.csv", path.read_bytes())})
    html = client.get(f"{URL}{FeedRun.objects.get().id}/").content.decode()
    assert "victim V1" in html and "date_of_birth" in html and "is not a real date" in html
    assert "Lee-V1" not in html  # the victim's name is not shown


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("feed.csv", (STREET_HEADER + "\n").encode(), "The file is not a police feed file: the first line is not the feed header"),
        ("feed.xlsx", b"anything", "the file name must end .csv or .jsonl"),
        (None, b"", "Choose a feed file to upload"),
    ],
)  # fmt: skip
def test_it_refuses_a_file_that_is_not_the_format(
    client_for, personas, settings, name, content, message
) -> None:
    data = {"file": _upload(name, content)} if name else {}
    response = client_for("sue").post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and 'href="#id_file"' in html and message in html
    assert not FeedRun.objects.exists()
    assert not settings.INGEST_UPLOAD_DIR.exists() or not any(settings.INGEST_UPLOAD_DIR.iterdir())


def test_it_shows_how_far_a_running_import_has_got(client_for, personas) -> None:
    run = feed_run_start(actor=personas["fran"], path=EXAMPLES / "feed-example.csv")
    html = client_for("sue").get(f"{URL}{run.id}/").content.decode()
    assert "Importing: 0% of the file read" in html and "Check progress again" in html


@pytest.mark.parametrize("username", REFUSED)
def test_it_is_not_found_for_everyone_else(client_for, personas, username) -> None:
    run = feed_run_start(actor=personas["fran"], path=EXAMPLES / "feed-example.csv")
    client = client_for(username)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"file": _upload("feed.csv", b"x")}).status_code == 404
    assert client.get(f"{URL}{run.id}/").status_code == 404
