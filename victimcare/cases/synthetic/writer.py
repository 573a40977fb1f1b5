"""Bulk inserts for the seed: rows as plain tuples, ids reserved up front.

A 100,000-victim seed writes over a million rows. Building a model instance per row and running
bulk_create's per-field preparation took most of the time, so rows are dicts of column values
written with executemany. Every concrete field of the model is filled, from the dict or the
field's own default, and adapted with the backend's own adapters, so a stored row is what the
ORM would store, and a field added later with a default needs no change here.

Ids are reserved before the insert so that rows can point at each other (a case at its person
and crime, an event at the event it answers) without reading anything back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.db import connection, models

Adapter = Callable[[Any], Any]
INSERT_BATCH = 1000


class RowWriter:
    """Inserts rows of one model given as {attname: value}; missing fields take their default."""

    def __init__(self, model: type[models.Model], now: datetime) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.adapters = [_adapter(f) for f in self.fields]
        self.now = now
        quote = connection.ops.quote_name
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model, values bound
            quote(model._meta.db_table),
            ", ".join(quote(str(f.column)) for f in self.fields),
            ", ".join(["%s"] * len(self.fields)),
        )

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        out = []
        for field, adapt in zip(self.fields, self.adapters, strict=True):
            value = values[field.attname] if field.attname in values else self._default(field)
            out.append(None if value is None else adapt(value))
        return tuple(out)

    def _default(self, field: models.Field[Any, Any]) -> Any:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return self.now
        return field.get_default()

    def insert(self, rows: list[dict[str, Any]]) -> None:
        params = [self.row(r) for r in rows]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                self._insert_copy(cursor, params)
                return
            # SQLite prepares the statement once and steps it per row: executemany is fastest.
            for start in range(0, len(params), INSERT_BATCH):
                cursor.executemany(self.sql, params[start : start + INSERT_BATCH])

    def _insert_copy(self, cursor: Any, params: list[tuple[Any, ...]]) -> None:
        # COPY: Django's psycopg cursor binds on the client, so executemany would send every row
        # as a new statement for the server to parse; COPY streams the rows in one command.
        quote = connection.ops.quote_name
        columns = ", ".join(quote(str(f.column)) for f in self.fields)
        with cursor.cursor.copy(f"COPY {quote(self.model._meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in params:
                copy.write_row(row)

    def reserve_ids(self, count: int) -> Sequence[int]:
        return reserve_ids(self.model._meta.db_table, count)


def _adapter(field: models.Field[Any, Any]) -> Adapter:
    ops = connection.ops
    if getattr(field, "encrypted", False):  # victimcare.fieldcrypt: the token, as the ORM stores it
        return field.get_prep_value
    kind = field.get_internal_type()
    if kind == "DateTimeField":
        return ops.adapt_datetimefield_value
    if kind == "DateField":
        return ops.adapt_datefield_value
    if kind == "TimeField":
        return ops.adapt_timefield_value
    if kind == "JSONField":
        encoder = getattr(field, "encoder", None)
        return lambda value: ops.adapt_json_value(value, encoder)
    return _same


def _same(value: Any) -> Any:
    return value


def reserve_ids(table: str, count: int) -> Sequence[int]:
    """`count` fresh ids for `table`. PostgreSQL takes them from the identity sequence, which is
    safe beside other writers; SQLite has one writer at a time and the seed's transaction holds
    the write lock, so the ids above the highest ever used are free."""
    if count == 0:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, count])  # fmt: skip
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        highest = cursor.fetchone()[0]
        # AUTOINCREMENT never reuses the id of a deleted row; sqlite_sequence holds the highest.
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
    start = max(highest, int(row[0]) if row else 0) + 1
    return range(start, start + count)
