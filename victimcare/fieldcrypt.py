"""Field encryption: the most sensitive free text and identifiers are stored as Fernet tokens
(docs/adr/0060).

The keys are settings.FIELD_ENCRYPTION_KEYS, read from the environment variable of that name
and never derived from SECRET_KEY: the first key encrypts, every key decrypts (MultiFernet), so
a new key is put first, `manage.py rotate_field_keys` re-encrypts every value under it, and the
old key is then removed.

An encrypted field stores the empty string as the empty string (so "has an email" and the check
constraints on a non-empty body still work in SQL) and everything else as a token. The database
cannot compare, search or sort a token, so every lookup but `isnull` and `= ""` is refused with
an error instead of silently matching nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.conf import settings
from django.core import validators
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models import lookups
from django.db.models.expressions import Combinable

# The development and test key (DJANGO_ENV=development without FIELD_ENCRYPTION_KEYS): the
# urlsafe base64 of b"victimcare-test-only-not-secret!". Production refuses it.
TEST_KEY = "dmljdGltY2FyZS10ZXN0LW9ubHktbm90LXNlY3JldCE="


class UndecryptableValue(RuntimeError):
    """A stored token that none of the configured keys opens: a key was removed too soon."""


@lru_cache(maxsize=8)
def _fernets(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    if not keys:
        raise ImproperlyConfigured("Set FIELD_ENCRYPTION_KEYS (a comma-separated list of Fernet keys).")
    try:
        each = [Fernet(key.encode("ascii")) for key in keys]
    except (ValueError, UnicodeEncodeError):
        raise ImproperlyConfigured(
            "Each key in FIELD_ENCRYPTION_KEYS must be a Fernet key (32 bytes, urlsafe base64)."
        ) from None
    return MultiFernet(each), each[0]


def _keys() -> tuple[str, ...]:
    return tuple(settings.FIELD_ENCRYPTION_KEYS)


def encrypt(plain: str) -> str:
    """The token of `plain` under the current (first) key; "" stays ""."""
    if plain == "":
        return ""
    return _fernets(_keys())[0].encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The plain text of a token under any configured key; "" stays ""."""
    if token == "":
        return ""
    try:
        return _fernets(_keys())[0].decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeEncodeError):
        raise UndecryptableValue(
            "A stored value cannot be decrypted with FIELD_ENCRYPTION_KEYS: is a key missing?"
        ) from None


def is_current(token: str) -> bool:
    """Whether the token is "" or already encrypted under the current key."""
    if token == "":
        return True
    try:
        _fernets(_keys())[1].decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


def is_token(value: str) -> bool:
    """Whether `value` is a token some configured key opens (and not plain text)."""
    try:
        decrypt(value)
    except UndecryptableValue:
        return False
    return True


def rotate(token: str) -> str:
    """The same plain text encrypted under the current key."""
    if token == "":
        return ""
    try:
        return _fernets(_keys())[0].rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError):
        raise UndecryptableValue(
            "A stored value cannot be decrypted with FIELD_ENCRYPTION_KEYS: is a key missing?"
        ) from None


# --- the fields -------------------------------------------------------------------------------

ALLOWED_LOOKUPS = frozenset({"exact", "isnull"})


class _EmptyOnlyExact(lookups.Exact[Any]):
    """`field=""` works (the empty string is stored as itself); any other value would compare
    a fresh token with the stored one and match nothing, so it is refused."""

    def get_prep_lookup(self) -> Any:
        if self.rhs != "":
            target = getattr(self.lhs, "target", None)
            name = f"{target.model.__name__}.{target.name}" if target is not None else "The field"
            raise FieldError(
                f"{name} is encrypted: the database cannot compare it with a value (only with the "
                "empty string). Compare in Python, or keep a keyed hash of it."
            )
        return super().get_prep_lookup()


class EncryptedMixin:
    """Shared by the encrypted fields: stored as text, lookups refused but `isnull` and `= ""`."""

    encrypted = True

    def get_internal_type(self) -> str:
        return "TextField"

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name == "exact":
            return _EmptyOnlyExact
        if lookup_name not in ALLOWED_LOOKUPS:
            return None  # Django raises FieldError: Unsupported lookup
        return super().get_lookup(lookup_name)  # type: ignore[misc]

    def get_transform(self, lookup_name: str) -> Any:
        return None


class EncryptedTextField(EncryptedMixin, models.TextField[str | Combinable, str]):
    """Free text stored as a token."""

    _pyi_private_set_type: str | Combinable
    _pyi_private_get_type: str

    def from_db_value(self, value: str | None, expression: object, connection: object) -> str | None:
        return None if value is None else decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return None if value is None else encrypt(str(value))


class EncryptedCharField(EncryptedMixin, models.CharField[str | Combinable, str]):
    """A short value stored as a token: `max_length` limits the plain text (forms and
    full_clean), the column is text because a token is longer."""

    _pyi_private_set_type: str | Combinable
    _pyi_private_get_type: str

    def from_db_value(self, value: str | None, expression: object, connection: object) -> str | None:
        return None if value is None else decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return None if value is None else encrypt(str(value))


class EncryptedEmailField(EncryptedCharField):
    default_validators = [validators.validate_email]

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": forms.EmailField, **kwargs})


class EncryptedJSONField(EncryptedMixin, models.TextField[Any, Any]):
    """A JSON value (a DASH checklist's answers) stored as the token of its JSON text."""

    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def from_db_value(self, value: str | None, expression: object, connection: object) -> Any:
        return None if value is None else json.loads(decrypt(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, str) and value == "":
            return ""  # only ever the right-hand side of `= ""`
        return encrypt(json.dumps(value, ensure_ascii=False))

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj))

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": forms.JSONField, **kwargs})


def encrypted_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The concrete encrypted fields of a model."""
    return [f for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]


# --- migrations: turning a column's plain text into tokens, and back ---------------------------


def convert_column(
    schema_editor: Any, table: str, columns: Sequence[str], *, to_tokens: bool, batch: int = 500
) -> int:
    """Encrypt (or, going back, decrypt) every value of `columns` in `table`, in place, in
    batches by primary key; values already converted are left alone, so it can run again.
    Runs on SQLite and PostgreSQL: plain SQL with parameters. Returns the values changed."""
    connection = schema_editor.connection
    q = connection.ops.quote_name
    cols = ", ".join(q(c) for c in columns)
    changed, last = 0, None
    with connection.cursor() as cursor:
        while True:
            where = "" if last is None else f" WHERE {q('id')} > %s"
            params: list[Any] = [] if last is None else [last]
            cursor.execute(
                f"SELECT {q('id')}, {cols} FROM {q(table)}{where} ORDER BY {q('id')} LIMIT {int(batch)}",  # noqa: S608
                params,
            )
            rows = cursor.fetchall()
            if not rows:
                return changed
            for pk, *values in rows:
                new = [_convert(v, to_tokens=to_tokens) for v in values]
                if new != list(values):
                    sets = ", ".join(f"{q(c)} = %s" for c in columns)
                    cursor.execute(f"UPDATE {q(table)} SET {sets} WHERE {q('id')} = %s", [*new, pk])  # noqa: S608
                    changed += 1
            last = rows[-1][0]


def _convert(value: Any, *, to_tokens: bool) -> Any:
    if value is None:
        return None
    if not isinstance(value, str):  # a JSON column read back as a Python value by the driver
        value = json.dumps(value, ensure_ascii=False)
    if value == "":
        return ""
    if to_tokens:
        return value if is_token(value) else encrypt(value)
    return decrypt(value) if is_token(value) else value


def keys_from_environment(raw: str) -> list[str]:
    """FIELD_ENCRYPTION_KEYS as a list, first the current key."""
    return [k.strip() for k in raw.split(",") if k.strip()]


def check_keys(keys: list[str]) -> None:
    """Raise ImproperlyConfigured unless every key is a Fernet key."""
    _fernets(tuple(keys))


def encrypt_columns(table: str, columns: Sequence[str]) -> Any:
    """A migration operation: the plain text already in `columns` of `table` becomes tokens
    (and, migrating back, plain text again). Put it after the AlterField to the encrypted field."""
    from django.db import migrations

    def forwards(apps: Any, schema_editor: Any) -> None:
        convert_column(schema_editor, table, columns, to_tokens=True)

    def backwards(apps: Any, schema_editor: Any) -> None:
        convert_column(schema_editor, table, columns, to_tokens=False)

    return migrations.RunPython(forwards, backwards, elidable=False)


# --- key rotation -----------------------------------------------------------------------------


def encrypted_models() -> list[tuple[type[models.Model], list[str]]]:
    """Every installed model with encrypted fields, with their column names."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        columns = [f.column for f in encrypted_fields(model) if f.column]
        if columns:
            found.append((model, columns))
    return sorted(found, key=lambda m: m[0]._meta.label)


def _pk_column(model: type[models.Model]) -> str:
    pk = model._meta.pk
    assert pk is not None and pk.column
    return pk.column


def rotate_model(
    model: type[models.Model], columns: Sequence[str], *, batch: int = 500, after: Any = None
) -> tuple[int, Any]:
    """Re-encrypt under the current key the values of `columns` not already under it, for the
    next batch of rows after primary key `after`, in one transaction. Returns (values changed,
    the last primary key read, or None when no rows were left)."""
    from django.db import connections, router, transaction

    alias = router.db_for_write(model)
    connection = connections[alias]
    q = connection.ops.quote_name
    table, pk = q(model._meta.db_table), q(_pk_column(model))
    cols = ", ".join(q(c) for c in columns)
    where = "" if after is None else f" WHERE {pk} > %s"
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    changed = 0
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {pk}, {cols} FROM {table}{where} ORDER BY {pk} LIMIT {int(batch)}{lock}",  # noqa: S608
            [] if after is None else [after],
        )
        rows = cursor.fetchall()
        for row_pk, *values in rows:
            new = [v if v is None or is_current(v) else rotate(v) for v in values]
            changes = [(c, n) for c, v, n in zip(columns, values, new, strict=True) if n != v]
            if changes:
                sets = ", ".join(f"{q(c)} = %s" for c, _ in changes)
                cursor.execute(
                    f"UPDATE {table} SET {sets} WHERE {pk} = %s",  # noqa: S608
                    [*(n for _, n in changes), row_pk],
                )
                changed += len(changes)
    return changed, (rows[-1][0] if rows else None)


def stale_values(model: type[models.Model], columns: Sequence[str], *, batch: int = 1000) -> int:
    """How many values of `columns` are not yet under the current key."""
    from django.db import connections, router

    connection = connections[router.db_for_read(model)]
    q = connection.ops.quote_name
    table, pk = q(model._meta.db_table), q(_pk_column(model))
    cols = ", ".join(q(c) for c in columns)
    stale, last = 0, None
    with connection.cursor() as cursor:
        while True:
            where = "" if last is None else f" WHERE {pk} > %s"
            cursor.execute(
                f"SELECT {pk}, {cols} FROM {table}{where} ORDER BY {pk} LIMIT {int(batch)}",  # noqa: S608
                [] if last is None else [last],
            )
            rows = cursor.fetchall()
            if not rows:
                return stale
            stale += sum(1 for _, *values in rows for v in values if v is not None and not is_current(v))
            last = rows[-1][0]
