"""Idempotency-Key on writes. The first call with a key runs and, if it succeeds, its response
is stored with a digest of the request; the same key with the same request returns that stored
response (marked `Idempotent-Replayed: true`) and changes nothing; the same key with a different
request is refused with a 422 problem. Two calls racing with one key: the unique index lets one
commit; the other's write is rolled back and it returns the winner's response."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from rest_framework.request import Request
from rest_framework.response import Response

from victimcare.api.models import ApiClient, IdempotencyRecord
from victimcare.api.problems import field_error

HEADER = "Idempotency-Key"


class _Raced(Exception):
    pass


def idempotent(request: Request, client: ApiClient, run: Callable[[], Response]) -> Response:
    key = request.headers.get(HEADER)
    if key is None:
        with transaction.atomic():
            return run()
    if not 1 <= len(key) <= 200 or not key.isprintable():
        raise field_error(HEADER, "The Idempotency-Key must be 1 to 200 printable characters")
    operation = f"{request.method} {request.path}"[:200]
    digest = hashlib.sha256(json.dumps(request.data, sort_keys=True, default=str).encode()).hexdigest()
    stored = IdempotencyRecord.objects.filter(client=client, key=key).first()
    if stored is not None:
        return _replay(stored, operation, digest)
    try:
        with transaction.atomic():
            response = run()
            if 200 <= response.status_code < 300:
                try:
                    with transaction.atomic():
                        IdempotencyRecord.objects.create(
                            client=client,
                            key=key,
                            operation=operation,
                            request_digest=digest,
                            status=response.status_code,
                            body=response.data,
                        )
                except IntegrityError:
                    raise _Raced from None  # undo this call's write: the other one won
            return response
    except _Raced:
        return _replay(IdempotencyRecord.objects.get(client=client, key=key), operation, digest)


def _replay(stored: IdempotencyRecord, operation: str, digest: str) -> Response:
    if stored.operation != operation or stored.request_digest != digest:
        raise field_error(
            HEADER,
            "This Idempotency-Key was already used with a different request. Use a new key for a new request.",
        )
    return Response(stored.body, status=stored.status, headers={"Idempotent-Replayed": "true"})
