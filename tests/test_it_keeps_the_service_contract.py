"""The service contract (STYLE.md, docs/adr/0030): every public function in a `services.py`
under victimcare/ that writes to the database is `@transaction.atomic`, takes keyword arguments
only, and leaves a trace: an audit row or an event on a case timeline.

How "writes" is decided: statically, from each function's source (its AST), so no database is
needed and a new service is checked the day it is added. A function writes when it calls a
model write (`.save()`, `.create()`, `.update()`, `.delete()`, `bulk_create`, `bulk_update`,
`get_or_create`, `update_or_create`, `select_for_update`) or a function, in its own module or
imported from another services module, that writes. It leaves a trace when it, or a function it
calls (followed the same way), calls `audit_record`, `audit_look` or `event_record` /
`events_record_bulk`. Atomic means the `@transaction.atomic` decorator on the function itself
(the decorator once slid onto the wrong function: this is the test that would have seen it).

EXEMPT lists the public functions that write but are deliberately outside the contract, each
with its reason. Keep it short: a new entry needs the same kind of reason.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
WRITE_METHODS = frozenset(
    {"save", "create", "update", "delete", "bulk_create", "bulk_update", "get_or_create",
     "update_or_create", "select_for_update"}
)  # fmt: skip
TRACES = frozenset({"audit_record", "audit_look", "audit_list", "event_record", "events_record_bulk"})

# "module.function": why it writes without being a full service (it is checked for nothing else).
EXEMPT = {
    # Housekeeping: expired replay records of the API's idempotency keys, no victim's data.
    "victimcare.api.services.idempotency_records_prune": "deletes expired idempotency records (stored API responses); a scheduled sweep",
    # The trail itself.
    "victimcare.audit.services.audit_record": "it is the audit row; it runs in its caller's transaction",
    "victimcare.audit.services.audit_look": "it is the audit row of a look; the first argument is the request",
    "victimcare.audit.services.audit_list": "it is the audit row of a list; the first argument is the request",
    # Derived rows: a cache of recorded facts, rebuilt in the transaction of the change that made them stale.
    "victimcare.rights.services.recompute_cases": "derived rows (the engine's answer), run by a reaction or the recompute command in their transaction",
    "victimcare.rights.services.case_rights_refresh": "derived rows, rebuilt from the case's events",
    "victimcare.rights.services.person_rights_refresh": "derived rows, run by the person reaction inside person_update",
    "victimcare.safeguarding.services.repeat_victims_refresh": "a derived flag (no one's decision), run by the reaction inside event_record",
    "victimcare.safeguarding.services.repeat_victims_recompute": "a derived flag; commits batch by batch on purpose, so it is not one transaction",
    # The outbox: the message row is the record of what was sent, and the worker sends outside any
    # transaction on purpose (a slow provider never holds a lock; docs/adr on the outbox).
    "victimcare.notify.services.victim_update_queue": "writes the outbox row in event_record's transaction; the row is the record",
    "victimcare.notify.services.message_write": "the outbox row is the record of the message",
    "victimcare.notify.services.message_claim": "the worker: a conditional update that claims one message",
    "victimcare.notify.services.outbox_claim_batch": "the worker: claims a batch by conditional update",
    "victimcare.notify.services.message_deliver": "the worker: sends outside a transaction, then records the result on the row",
    "victimcare.notify.services.message_send_claimed": "the worker: sends outside a transaction, then records the result on the row",
    "victimcare.notify.services.outbox_drain": "the worker loop; each message is claimed and sent in its own short steps",
    # Bookkeeping that is not a decision about a victim.
    "victimcare.accounts.services.totp_enrolment_start": "an unconfirmed authenticator; confirming it is audited (MFA enrolled)",
    "victimcare.accounts.services.recovery_codes_replace": "called by totp_enrolment_confirm, which writes the audit row",
    "victimcare.messaging.services.thread_mark_read_by_staff": "a read receipt; the look that caused it is audited by the page",
    "victimcare.messaging.services.thread_mark_read_by_victim": "a read receipt; the portal page audits the look",
    "victimcare.safeguarding.services.order_expiry_reminders_write": "reminder rows for staff (the daily job), deduplicated by key",
    "victimcare.portal.services.sign_in_request": "signed-out: the challenge row is the record, and every answer looks the same",
    "victimcare.portal.services.sign_in_request_again": "signed-out: the challenge row is the record",
    "victimcare.portal.services.sign_in_challenge_process": "the job that matches a challenge; the challenge row is the record",
    "victimcare.portal.services.sign_in_records_prune": "housekeeping: deletes expired sign-in rows",
}  # fmt: skip


def services_modules() -> Iterator[ModuleType]:
    for path in sorted((ROOT / "victimcare").rglob("services.py")):
        dotted = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        yield importlib.import_module(dotted)


def _unwrapped(fn: Callable[..., Any]) -> Callable[..., Any]:
    inner: Callable[..., Any] = inspect.unwrap(fn)
    return inner


@cache
def _tree(fn: Callable[..., Any]) -> ast.FunctionDef:
    source = textwrap.dedent(inspect.getsource(_unwrapped(fn)))
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


def _callees(fn: Callable[..., Any]) -> tuple[set[str], list[Callable[..., Any]]]:
    """The attribute/function names this function calls, and the victimcare functions they are."""
    module = inspect.getmodule(_unwrapped(fn))
    names: set[str] = set()
    found: list[Callable[..., Any]] = []
    for node in ast.walk(_tree(fn)):
        if not isinstance(node, ast.Call):
            continue
        target: Any = None
        if isinstance(node.func, ast.Name):
            names.add(node.func.id)
            target = getattr(module, node.func.id, None)
        elif isinstance(node.func, ast.Attribute):
            names.add(node.func.attr)
            if isinstance(node.func.value, ast.Name):
                owner = getattr(module, node.func.value.id, None)
                target = getattr(owner, node.func.attr, None) if isinstance(owner, ModuleType) else None
        if inspect.isfunction(target) and target.__module__.startswith("victimcare.") and target is not fn:
            found.append(target)
    return names, found


def _reaches(fn: Callable[..., Any], wanted: frozenset[str], seen: set[Any] | None = None) -> bool:
    seen = set() if seen is None else seen
    if fn in seen:
        return False
    seen.add(fn)
    try:
        names, callees = _callees(fn)
    except (OSError, TypeError):
        return False
    if names & wanted:
        return True
    return any(_reaches(callee, wanted, seen) for callee in callees)


def writes(fn: Callable[..., Any]) -> bool:
    return _reaches(fn, WRITE_METHODS)


def leaves_a_trace(fn: Callable[..., Any]) -> bool:
    return _reaches(fn, TRACES)


def is_atomic(fn: Callable[..., Any]) -> bool:
    return any(ast.unparse(d).startswith("transaction.atomic") for d in _tree(fn).decorator_list)


def keyword_only(fn: Callable[..., Any]) -> bool:
    params = inspect.signature(fn).parameters.values()
    return all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params)


def public_services() -> list[tuple[str, Callable[..., Any]]]:
    found: list[tuple[str, Callable[..., Any]]] = []
    for module in services_modules():
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            found.append((f"{module.__name__}.{name}", fn))
    return found


SERVICES = public_services()
WRITERS = [(name, fn) for name, fn in SERVICES if name not in EXEMPT and writes(fn)]


def test_it_finds_the_services():
    names = {name for name, _ in WRITERS}
    assert {"victimcare.cases.services.event_record", "victimcare.cases.services.case_open",
            "victimcare.people.services.person_update"} <= names  # fmt: skip
    assert len(WRITERS) > 40


@pytest.mark.parametrize(("name", "fn"), WRITERS, ids=[name for name, _ in WRITERS])
def test_it_keeps_the_contract(name: str, fn: Callable[..., Any]) -> None:
    problems = [
        problem
        for ok, problem in (
            (is_atomic(fn), "is not @transaction.atomic"),
            (keyword_only(fn), "takes positional arguments (make them keyword-only)"),
            (leaves_a_trace(fn), "writes no audit row and records no event"),
        )
        if not ok
    ]
    assert not problems, f"{name} {'; '.join(problems)}"


def test_it_lists_only_real_exemptions():
    known = {name for name, _ in SERVICES}
    assert set(EXEMPT) <= known, sorted(set(EXEMPT) - known)


def test_it_sees_a_service_that_slid_off_its_decorator():
    """The check itself: the shape of the bug this test exists for is caught."""
    from victimcare.cases import services

    assert is_atomic(services.event_record) and not is_atomic(services.timeline_moment)
