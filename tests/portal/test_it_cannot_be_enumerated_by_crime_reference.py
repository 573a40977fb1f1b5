"""Portal enumeration: a crime reference that is not held and one that is (with an address that
is not on the case) are indistinguishable at sign-in, in status, headers and body, and run the
same code path in the request (the same database queries: a behaviour, never a timing)."""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext

RIGHT, WRONG = "DU/00500/26", "DU/99999/26"
# Headers whose value is made fresh for every response (a CSP nonce, a date, a session id).
FRESH = {"Content-Security-Policy", "Date", "Set-Cookie"}


def _ask(reference: str) -> tuple[Any, Any, list[str]]:
    """POST the sign-in, then GET the code page, recording the queries the POST ran; the job
    that matches the case runs on commit, as the worker would run it after the answer."""
    client = Client()
    client.get("/portal/sign-in/")
    with CaptureQueriesContext(connection) as queries, TestCase.captureOnCommitCallbacks(execute=False):
        posted = client.post("/portal/sign-in/", {"reference": reference, "address": "someone@example.com"})
    page = client.get("/portal/sign-in/code/")
    shapes = [re.sub(r"'[^']*'|\b\d+\b", "?", q["sql"]) for q in queries.captured_queries]
    return posted, page, shapes


def _headers(response: Any) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k not in FRESH}


def _cookies(response: Any) -> dict[str, tuple[Any, ...]]:
    return {
        name: (m["path"], m["secure"], m["httponly"], m["samesite"], m["max-age"])
        for name, m in response.cookies.items()
    }


def _body(response: Any, reference: str) -> str:
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return re.sub(r'nonce="[^"]*"', "", text).replace(reference, "REFERENCE")


def test_a_wrong_reference_and_a_right_one_with_wrong_details_look_the_same(jane_case):
    right_post, right_page, right_queries = _ask(RIGHT)
    wrong_post, wrong_page, wrong_queries = _ask(WRONG)
    for right, wrong in ((right_post, wrong_post), (right_page, wrong_page)):
        assert right.status_code == wrong.status_code
        assert _headers(right) == _headers(wrong)
        assert _cookies(right) == _cookies(wrong)
        assert _body(right, RIGHT) == _body(wrong, WRONG)
    # The same path through the code: the same queries, in the same order, in the request.
    assert right_queries == wrong_queries
