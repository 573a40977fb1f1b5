"""The local authority area of a crime, from its LSOA name (or its code, in the force area's list)."""

from __future__ import annotations

import pytest

from victimcare.cases.vocab import known_areas, local_authority


@pytest.mark.parametrize(
    ("name", "code", "area"),
    [
        ("County Durham 001A", "", "County Durham"),
        ("Darlington 012B", "", "Darlington"),
        ("", "E01012304", "Darlington"),
        ("", "", ""),
        ("", "E99999999", ""),
    ],
)
def test_it_derives_the_local_authority(name, code, area):
    assert local_authority(name, code) == area


def test_it_lists_the_force_areas():
    assert known_areas() == ["County Durham", "Darlington"]
