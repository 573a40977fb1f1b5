"""The review of the feed's possible matches: a victim care supervisor compares the imported
victim with the person already held (each look audited) and decides, through an audited
service, that they are the same person (the imported case moves to the record held) or not.
Anyone else gets 404, as for a match that does not exist."""

from __future__ import annotations

import pytest

from tests.factories import make_case, make_person
from tests.ingest.conftest import crime_line, feed_file, import_feed, victim_line
from victimcare.audit.models import AuditEvent
from victimcare.cases.models import VictimCase
from victimcare.ingest.models import PossibleMatch
from victimcare.ingest.services import possible_match_keep_apart, possible_match_link
from victimcare.refusals import Refusal

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(tmp_path, personas) -> PossibleMatch:
    """Jane Smith, born 14 February 1987, has a case; the feed sends a victim of that name and birth."""
    make_case(
        personas["sue"], person=make_person(personas["sue"], email="jane@example.com"), reference="DU/900/25"
    )
    import_feed(feed_file(tmp_path, [crime_line("C1", "DU/1/26"), victim_line(
        "V1", "C1", first_name="Jane", last_name="Smith", date_of_birth="1987-02-14", email="js@example.org")]))  # fmt: skip
    return PossibleMatch.objects.get()


def test_the_supervisor_compares_the_two_records_and_each_look_is_audited(client_for, match) -> None:
    client = client_for("sue")
    listing = client.get("/imports/feed/matches/")
    assert listing.status_code == 200 and f"/imports/feed/matches/{match.id}/" in listing.content.decode()
    assert "1 to review" in client.get("/imports/feed/").content.decode()  # linked from the imports page
    page = client.get(f"/imports/feed/matches/{match.id}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert (
        "jane@example.com" in text and "js@example.org" in text and "DU/900/25" in text and "DU/1/26" in text
    )
    looks = AuditEvent.objects.filter(object_type="possiblematch", action="view")
    assert set(looks.values_list("person_id", flat=True)) == {match.person_id, match.known_id}


def test_linking_moves_the_imported_case_to_the_person_held(client_for, match) -> None:
    imported_case = match.case
    response = client_for("sue").post(f"/imports/feed/matches/{match.id}/", {"decision": "link"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert (match.resolved, match.decision, match.decided_by.username) == (True, "linked", "sue")
    imported_case.refresh_from_db()
    assert imported_case.person_id == match.known_id
    assert not VictimCase.objects.filter(person=match.person).exists()
    # One person with two cases: a repeat victim, worked out by the reactions.
    assert set(VictimCase.objects.filter(person=match.known).values_list("repeat_victim", flat=True)) == {
        True
    }
    assert AuditEvent.objects.filter(
        object_type="possiblematch", action="update", person=match.known
    ).exists()
    assert AuditEvent.objects.filter(object_type="victimcase", action="combine", case=imported_case).exists()


def test_keeping_them_apart_changes_no_case(client_for, match) -> None:
    response = client_for("sue").post(f"/imports/feed/matches/{match.id}/", {"decision": "keep_apart"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert (match.resolved, match.decision) == (True, "kept_apart")
    assert match.case.person_id == match.person_id
    assert AuditEvent.objects.filter(object_type="possiblematch", action="update").count() == 1


def test_a_decision_is_made_once(personas, match) -> None:
    possible_match_keep_apart(actor=personas["sue"], match=match)
    with pytest.raises(Refusal, match="already decided"):
        possible_match_link(actor=personas["sue"], match=match)


def test_no_choice_is_an_error_on_the_field(client_for, match) -> None:
    response = client_for("sue").post(f"/imports/feed/matches/{match.id}/", {})
    assert (
        response.status_code == 400
        and "Choose whether these are the same person" in response.content.decode()
    )
    match.refresh_from_db()
    assert not match.resolved


@pytest.mark.parametrize("username", ["cara", "fran", "olly", "ana", "adam", "otto", "pat"])
def test_it_is_not_found_for_everyone_else(client_for, match, username) -> None:
    client = client_for(username)
    assert client.get("/imports/feed/matches/").status_code == 404
    assert client.get(f"/imports/feed/matches/{match.id}/").status_code == 404
    assert client.post(f"/imports/feed/matches/{match.id}/", {"decision": "link"}).status_code == 404
    match.refresh_from_db()
    assert not match.resolved


def test_a_missing_match_is_the_same_404(client_for, match) -> None:
    assert client_for("sue").get(f"/imports/feed/matches/{match.id + 1000}/").status_code == 404
