"""Search forgives what a busy caseworker types: a name spelt as it sounds ("Jayne Smyth"),
a crime reference given by its number alone ("1" or "00001/26"). Near spellings are listed
apart, after the names that match as typed, and neither reaches past the user's scope. The
hint shows a reference in the shape the force writes them."""

from __future__ import annotations

import pytest

from tests.factories import make_case, make_person
from victimcare.cases.models import Crime
from victimcare.cases.selectors import reference_example, search
from victimcare.people.models import Person
from victimcare.people.names import reference_number, sound_key

pytestmark = pytest.mark.django_db


def names(people: list[Person]) -> list[str]:
    return [p.full_name for p in people]


@pytest.mark.parametrize(
    ("typed", "held"),
    [("Smyth", "Smith"), ("Smiht", "Smith"), ("Jon", "John"), ("Kathryn", "Catherine"),
     ("Muhammad", "Mohammed"), ("Steven", "Stephen"), ("Filips", "Phillips"), ("O'Brien", "OBrien")],
)  # fmt: skip
def test_names_that_sound_alike_share_a_key(typed: str, held: str) -> None:
    assert sound_key(typed) == sound_key(held) != ""


@pytest.mark.parametrize(("one", "other"), [("Smith", "Jones"), ("Baker", "Parker"), ("Ali", "Allen")])
def test_names_that_sound_different_do_not(one: str, other: str) -> None:
    assert sound_key(one) != sound_key(other)


def test_the_running_number_is_the_longest_group_of_digits() -> None:
    assert [reference_number(r) for r in ("DU/00123/26", "00123/26", "123", "1/26", "DU/01000123/26", "DU/X")] == [
        123, 123, 123, 1, 1000123, None]  # fmt: skip
    crime = Crime(crime_reference="DU/04567/26")
    assert crime.reference_number is None  # set when saved, from the reference


def test_a_near_spelling_is_offered_apart_from_the_names_that_match(personas, case_a) -> None:
    make_case(personas["cara"], person=make_person(personas["cara"], first_name="Jane", last_name="Smithson"))
    result = search(personas["cara"], "Jayne Smyth")
    assert names(result.people) == []
    assert names(result.similar) == ["Jane Smith"]
    result = search(personas["cara"], "jane smith")
    assert names(result.people) == ["Jane Smith"]  # as typed; Smithson is not a near spelling of it
    assert "Jane Smith" not in names(result.similar)
    assert names(search(personas["cara"], "Smyth").similar) == ["Jane Smith"]


def test_the_page_lists_similar_names_under_their_own_heading_and_audits_the_search(
    client_for, case_a
) -> None:
    from victimcare.audit.models import AuditEvent

    page = client_for("cara").get("/cases/search/?q=Jayne+Smyth").content.decode()
    assert "0 people found" in page and "1 similar name" in page and "Jane Smith" in page
    assert "Check the date of birth" in page
    row = AuditEvent.objects.get(action="search")
    assert row.detail == "search by name: 1 shown"  # the similar name is shown, so it is counted
    assert row.changes["ids"] == [case_a.person_id]


def test_near_spellings_stay_within_the_users_scope(personas, case_a, case_other) -> None:
    # case_other is another Jane Smith, of another force's victim care service (otto's).
    assert [p.pk for p in search(personas["cara"], "Jayne Smyth").similar] == [case_a.person_id]
    assert [p.pk for p in search(personas["otto"], "Jayne Smyth").similar] == [case_other.person_id]
    assert search(personas["cole"], "Jayne Smyth").similar == []  # South team: neither is theirs


@pytest.mark.parametrize("typed", ["1", "00001", "00001/26", "1/26", "du 00001 26", "DU/00001/26", "du/000"])
def test_part_of_a_reference_finds_the_case(personas, case_a, typed: str) -> None:
    result = search(personas["olly"], typed)
    assert result.kind == "crime_reference"
    assert names(result.people) == ["Jane Smith"]


@pytest.mark.parametrize("typed", ["2", "00001/25", "XX/00001"])
def test_a_part_that_does_not_fit_finds_nothing(personas, case_a, typed: str) -> None:
    assert names(search(personas["olly"], typed).people) == []


def test_a_reference_number_finds_nothing_outside_the_users_scope(
    personas, case_a, case_b, case_other
) -> None:
    # CL/00001/26 (otto's) and DU/00001/26 (cara's) share the number 1; cole sees neither.
    assert [p.pk for p in search(personas["cara"], "1").people] == [case_a.person_id]
    assert [p.pk for p in search(personas["otto"], "00001/26").people] == [case_other.person_id]
    assert names(search(personas["cole"], "1").people) == []
    assert names(search(personas["cole"], "2").people) == ["Tom Baker"]


def test_the_hint_shows_the_forces_own_shape_of_reference(personas, client_for) -> None:
    assert reference_example(personas["cara"]) == "DU/12345/26"  # no crime yet: the Code's examples' shape
    make_case(personas["cara"], reference="DU/01000123/25")
    assert reference_example(personas["cara"]) == "DU/12345678/25"
    page = client_for("cara").get("/cases/search/").content.decode()
    assert "DU/12345678/25" in page and "01000123" not in page
