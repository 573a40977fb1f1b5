"""Let an UPDATE of a timeline event through while an erasure permit is held, as DELETE already
is (0007): retention empties an erased case's free text in place, so its events keep counting in
the figures (docs/adr/0052). Without a permit, UPDATE is refused as before (0002). The permit
exists only inside the erasing transaction (victimcare.audit.chain.erasure_permit)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_UP = """
CREATE TRIGGER cases_event_no_update BEFORE UPDATE ON cases_event
WHEN NOT EXISTS (SELECT 1 FROM audit_erasure_permit)
BEGIN
    SELECT RAISE(ABORT, 'cases_event is append-only: record a correction instead');
END;
"""
SQLITE_DOWN = """
CREATE TRIGGER cases_event_no_update BEFORE UPDATE ON cases_event
BEGIN
    SELECT RAISE(ABORT, 'cases_event is append-only: record a correction instead');
END;
"""
POSTGRES_UP = """
CREATE OR REPLACE FUNCTION cases_event_refuse_update() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_erasure_permit) THEN
        RAISE EXCEPTION 'cases_event is append-only: record a correction instead';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""
POSTGRES_DOWN = """
CREATE OR REPLACE FUNCTION cases_event_refuse_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'cases_event is append-only: record a correction instead';
END;
$$ LANGUAGE plpgsql;
"""


def _run(schema_editor: BaseDatabaseSchemaEditor, postgres: str, sqlite: str) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(postgres, params=None)  # no placeholders: the function has none
    else:
        schema_editor.execute("DROP TRIGGER IF EXISTS cases_event_no_update")
        schema_editor.execute(sqlite)


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, POSTGRES_UP, SQLITE_UP)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, POSTGRES_DOWN, SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_search_near_spellings"),
        ("audit", "0004_auditchain_append_only"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
