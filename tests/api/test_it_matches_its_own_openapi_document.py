"""Schemathesis fuzzes every operation of the API's own OpenAPI document, in process through
WSGI, as a force's system holding every scope: no server error, and every response (errors
included) has a documented status, content type, headers and body. Bounded by a few examples
per operation so the suite stays quick."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tests.api.conftest import make_partner
from victimcare.api.models import SCOPES

pytestmark = pytest.mark.django_db

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 8


def _document() -> dict[str, Any]:
    """The OpenAPI document exactly as /api/v1/schema/ serves it (checked below). Built at
    import, from the code alone, so pytest can name a test per operation."""
    document: dict[str, Any] = json.loads(
        OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
    )
    return document


schema = schemathesis.openapi.from_dict(_document())
schema.app = get_wsgi_application()  # called in process, through WSGI


@pytest.fixture(autouse=True)
def _one_connection() -> Iterator[None]:
    """Keep the test's database connection across requests, as Django's test client does: the
    WSGI handler would otherwise close it at the end of each request (inside the test's
    transaction, on PostgreSQL), and the next request would find it closed."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(personas, case_a, case_court) -> str:
    """A force system's token with every scope, and cases to find (ids 1 to 3)."""
    return make_partner("force", scopes=tuple(SCOPES), rate_per_minute=100_000).token


def test_it_serves_the_document_it_is_tested_against(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    assert json.loads(response.content) == _document()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_it_answers_every_operation_as_documented(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
