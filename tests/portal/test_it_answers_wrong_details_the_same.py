"""Wrong references, addresses and codes get byte-identical answers: nothing says a case exists."""

from __future__ import annotations

import re

from .conftest import last_code, request_code


def _clean(html: bytes) -> str:
    """The page without its per-response CSP nonce and masked CSRF tokens."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.decode())
    return re.sub(r'nonce="[^"]*"', "", text)


def _answers(client_factory, reference, address):
    client = client_factory()
    first = request_code(client, reference, address)
    page = client.get("/portal/sign-in/code/")
    wrong = client.post("/portal/sign-in/code/", {"code": "000000"})
    return first, page, wrong


def test_it_answers_a_wrong_reference_as_it_answers_a_right_one(jane_case):
    from django.test import Client

    right = _answers(Client, "DU/00500/26", "jane@example.com")
    wrong_ref = _answers(Client, "DU/99999/26", "jane@example.com")
    wrong_address = _answers(Client, "DU/00500/26", "someone@example.com")
    for a, b, c in zip(right, wrong_ref, wrong_address, strict=True):
        assert a.status_code == b.status_code == c.status_code
        assert a.get("Location") == b.get("Location") == c.get("Location")
    # the code pages differ only in the reference typed, which is shown back
    assert _clean(right[1].content) == _clean(wrong_address[1].content)
    assert _clean(right[1].content).replace("DU/00500/26", "X") == _clean(wrong_ref[1].content).replace(
        "DU/99999/26", "X"
    )
    assert _clean(right[2].content) == _clean(wrong_address[2].content)
    assert "The code is not right" in right[2].content.decode()


def test_it_gives_a_wrong_code_on_a_real_case_the_same_answer_as_no_case(client, jane_case):
    from django.test import Client

    request_code(client, "DU/00500/26", "jane@example.com")
    real = client.post(
        "/portal/sign-in/code/", {"code": "123456" if last_code("jane@example.com") != "123456" else "654321"}
    )
    other = Client()
    request_code(other, "DU/00500/26", "nobody@example.com")
    fake = other.post("/portal/sign-in/code/", {"code": "123456"})
    assert real.status_code == fake.status_code == 200
    assert _clean(real.content) == _clean(fake.content)


def test_it_keeps_the_typed_reference_when_the_address_is_not_valid(client, jane_case):
    response = client.post("/portal/sign-in/", {"reference": "DU/00500/26", "address": "not an address"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="DU/00500/26"' in body and "govuk-error-summary" in body
