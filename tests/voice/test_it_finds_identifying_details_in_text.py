"""The redaction check (voice/redaction.py) finds what could identify someone."""

from __future__ import annotations

import pytest

from victimcare.voice.redaction import findings, outstanding


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("I told Mrs Dunn everything.", "name", "Mrs Dunn"),
        ("PC Wright never rang.", "name", "PC Wright"),
        ("Then Olivia came round.", "name", "Olivia"),  # from the synthetic name lists
        ("They came to 12 Front Street at night.", "address", "12 Front Street"),
        ("We live on Colliery Row.", "address", "Colliery Row"),
        ("It was near DH1 3AB.", "postcode", "DH1 3AB"),
        ("Ring me on 07700 900123.", "phone", "07700 900123"),
        ("Or on +44 7700 900123.", "phone", "+44 7700 900123"),
        ("Email me at jo@example.org please.", "email", "jo@example.org"),
        ("My crime number is DU/12345/26.", "crime_reference", "DU/12345/26"),
        ("I was born on 14/02/1987.", "date_of_birth", "born on 14/02/1987"),
        ("Since 3 March 1990 I have not slept.", "date_of_birth", "3 March 1990"),
    ],
)
def test_it_finds_each_kind(text, kind, found):
    assert [(f.kind, f.text) for f in findings(text)] == [(kind, found)]


def test_it_finds_nothing_in_plain_words():
    assert findings("The police never called me back and I did not know what was happening.") == []


def test_it_lists_only_what_is_not_confirmed_safe():
    text = "Grace at the court was kind. Ring 07700 900123."
    assert {f.kind for f in outstanding([text], [])} == {"name", "phone"}
    assert [f.kind for f in outstanding([text], [("name", "Grace")])] == ["phone"]
