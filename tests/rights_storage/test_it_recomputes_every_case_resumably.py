"""manage.py recompute_entitlements: streams cases in batches, can stop, and resumes."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import local, make_case, make_person
from tests.rights_storage.conftest import as_rows, engine_rows
from victimcare.cases.models import VictimCase
from victimcare.cases.services import event_record
from victimcare.rights import services
from victimcare.rights.models import CaseRights, Entitlement, RecomputeRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven_cases(personas):
    cara = personas["cara"]
    cases = []
    for i in range(7):
        person = make_person(cara, first_name="Case", last_name=f"Number{i}")
        vcase = make_case(
            cara, person=person, team="Victim care North", flags=("hate_crime",) if i % 2 else ()
        )
        event_record(actor=cara, case=vcase, type="suspect_arrested", occurred_at=local(2026, 3, 3, 9))
        cases.append(vcase)
    # As if the rules changed: wipe the stored rows (the override, a staff decision, stays).
    Entitlement.objects.all().delete()
    CaseRights.objects.update(enhanced=False, reasons=[], computed_at=None)
    return cases


def _run(*args: str) -> str:
    out = StringIO()
    call_command("recompute_entitlements", *args, stdout=out)
    return out.getvalue()


def test_it_stops_and_resumes_computing_each_case_once(seven_cases, monkeypatch):
    seen: Counter[int] = Counter()
    real = services.load_case_facts

    def counting(case_ids):
        seen.update(case_ids)
        return real(case_ids)

    monkeypatch.setattr(services, "load_case_facts", counting)
    out = _run("--batch-size", "3", "--max-batches", "2")
    assert "Stopped after 2 batches" in out
    run = RecomputeRun.objects.get()
    assert (run.state, run.cases_done, run.batches_done) == ("running", 6, 2)
    done = sorted(seen)
    assert run.last_case_id == done[-1]
    assert CaseRights.objects.filter(computed_at__isnull=True).count() == 1
    out = _run("--batch-size", "3", "--resume")
    assert "Finished: 7 cases in 3 batches" in out
    run.refresh_from_db()
    assert (run.state, run.cases_done) == ("finished", 7)
    assert sorted(seen) == sorted(VictimCase.objects.values_list("id", flat=True))
    assert set(seen.values()) == {1}
    for vcase in seven_cases:
        assert as_rows(vcase) and as_rows(vcase) == engine_rows(vcase)
    assert CaseRights.objects.filter(enhanced=True).count() == 3


def test_it_starts_again_without_resume(seven_cases):
    _run("--batch-size", "5", "--max-batches", "1")
    out = _run("--batch-size", "5")
    assert "Finished: 7 cases in 2 batches" in out
    assert list(RecomputeRun.objects.order_by("pk").values_list("state", flat=True)) == [
        "abandoned",
        "finished",
    ]


def test_it_refuses_to_resume_nothing(db):
    with pytest.raises(CommandError, match="no unfinished run"):
        _run("--resume")


def test_it_keeps_a_finished_batch_when_interrupted(seven_cases, monkeypatch):
    from victimcare.cases.pipeline import event_reactions_run as real
    from victimcare.rights.management.commands import recompute_entitlements

    calls = {"n": 0}

    def interrupted(changes, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(changes, **kwargs)

    monkeypatch.setattr(recompute_entitlements, "event_reactions_run", interrupted)
    with pytest.raises(SystemExit):
        _run("--batch-size", "4")
    run = RecomputeRun.objects.get()
    assert (run.cases_done, run.state) == (4, "running")
    assert CaseRights.objects.filter(computed_at__isnull=False).count() == 4
    monkeypatch.setattr(recompute_entitlements, "event_reactions_run", real)
    assert "Finished: 7 cases" in _run("--batch-size", "4", "--resume")
