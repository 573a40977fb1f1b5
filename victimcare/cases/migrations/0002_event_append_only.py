"""Make the timeline append-only in the database itself.

An UPDATE of an event row is refused by a trigger on both SQLite and PostgreSQL,
so history cannot be rewritten even from a database shell. DELETE is left to the
application (Event.delete raises; cases PROTECT their events) because lawful
erasure under data protection law must stay possible through a reviewed process.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_UP = """
CREATE TRIGGER cases_event_no_update BEFORE UPDATE ON cases_event
BEGIN
    SELECT RAISE(ABORT, 'cases_event is append-only: record a correction instead');
END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS cases_event_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION cases_event_refuse_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'cases_event is append-only: record a correction instead';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_event_no_update BEFORE UPDATE ON cases_event
    FOR EACH ROW EXECUTE FUNCTION cases_event_refuse_update();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS cases_event_no_update ON cases_event;
DROP FUNCTION IF EXISTS cases_event_refuse_update();
"""


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    sql = POSTGRES_UP if schema_editor.connection.vendor == "postgresql" else SQLITE_UP
    schema_editor.execute(sql)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    sql = POSTGRES_DOWN if schema_editor.connection.vendor == "postgresql" else SQLITE_DOWN
    schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
