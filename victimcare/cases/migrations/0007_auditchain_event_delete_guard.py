"""Refuse DELETE of a timeline event in the database (and TRUNCATE on PostgreSQL), unless an
erasure permit is held: the same guard and permit as the audit trail (ADR 0039). UPDATE was
already refused by 0002's trigger. Lawful erasure goes through victimcare.audit.chain.erasure_permit.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from victimcare.audit.append_only import guard_install, guard_remove


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    guard_install(schema_editor, "cases_event", refuse_update=False)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    guard_remove(schema_editor, "cases_event", refuse_update=False)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_court_events"),
        ("audit", "0004_auditchain_append_only"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
