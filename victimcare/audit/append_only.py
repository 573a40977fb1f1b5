"""The append-only guard: database triggers that refuse UPDATE, and DELETE (TRUNCATE on
PostgreSQL, which row triggers do not see) unless an erasure permit is held (docs/adr/0039).

Used by migrations: audit 0004 (the audit trail) and cases 0007 (DELETE on the timeline, whose
UPDATE trigger is cases 0002's). Trap on SQLite: a migration that remakes a guarded table (most
AddField and AlterField operations there do) drops its triggers with the old table, so it must
call `guard_install` again; tests/audit/test_it_keeps_the_trail_append_only.py would fail.
"""

from __future__ import annotations

from django.db.backends.base.schema import BaseDatabaseSchemaEditor

PERMIT_TABLE = "audit_erasure_permit"

# One guard for every table and operation: UPDATE never passes, DELETE and TRUNCATE with a permit.
POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION append_only_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION '% is append-only: write a new row instead', TG_TABLE_NAME;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM audit_erasure_permit) THEN
        RAISE EXCEPTION '% is append-only: erasing needs an erasure permit', TG_TABLE_NAME;
    END IF;
    IF TG_LEVEL = 'ROW' THEN
        RETURN OLD;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def permit_table_create(schema_editor: BaseDatabaseSchemaEditor) -> None:
    schema_editor.execute(
        f"CREATE TABLE {PERMIT_TABLE} (id integer PRIMARY KEY CHECK (id = 1), reason varchar(200) NOT NULL)"
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION, params=None)  # no placeholders: RAISE uses %


def permit_table_drop(schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS append_only_guard()")
    schema_editor.execute(f"DROP TABLE IF EXISTS {PERMIT_TABLE}")


def guard_install(schema_editor: BaseDatabaseSchemaEditor, table: str, *, refuse_update: bool = True) -> None:
    for sql in _install_sql(schema_editor.connection.vendor, table, refuse_update):
        schema_editor.execute(sql)


def guard_remove(schema_editor: BaseDatabaseSchemaEditor, table: str, *, refuse_update: bool = True) -> None:
    postgres = schema_editor.connection.vendor == "postgresql"
    ops = ["delete", "truncate"] if postgres else ["delete"]
    for op in (["update"] if refuse_update else []) + ops:
        on = f" ON {table}" if postgres else ""
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op}{on}")


def _install_sql(vendor: str, table: str, refuse_update: bool) -> list[str]:
    if vendor == "postgresql":
        rows = (["UPDATE"] if refuse_update else []) + ["DELETE"]
        sql = [
            f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION append_only_guard()"
            for op in rows
        ]
        return [
            *sql,
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard()",
        ]
    # SQLite: one statement per execute; RAISE(ABORT) rolls back the statement.
    sql = [
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "  # noqa: S608 - names from migrations
        f"WHEN NOT EXISTS (SELECT 1 FROM {PERMIT_TABLE}) "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: erasing needs an erasure permit'); END"
    ]
    if refuse_update:
        sql.append(
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: write a new row instead'); END"
        )
    return sql
