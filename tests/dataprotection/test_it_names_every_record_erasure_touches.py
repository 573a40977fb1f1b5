"""Every model pointing at a case or a person is named in retention.ERASE (kept as it is,
deleted, or the fields emptied), so a model added later is decided on, not forgotten; and each
field named exists."""

from __future__ import annotations

from victimcare.cases.models import VictimCase
from victimcare.dataprotection.retention import DELETE, ERASE, KEEP_AS_IS, PERSON_ERASED, related_models
from victimcare.people.models import Person


def test_it_names_every_model_that_points_at_a_case_or_a_person():
    pointing = {m._meta.label for target in (VictimCase, Person) for m, _ in related_models(target)}
    assert not sorted(pointing - set(ERASE)), "add these to retention.ERASE"


def test_every_field_it_empties_exists():
    from django.apps import apps

    for label, plan in ERASE.items():
        if plan in (KEEP_AS_IS, DELETE):
            continue
        model = apps.get_model(label)
        for name in plan:
            model._meta.get_field(name)
    for name in PERSON_ERASED:
        Person._meta.get_field(name)
