"""Make the audit trail append-only in the database itself (ADR 0039).

UPDATE of an audit row is always refused. DELETE (and TRUNCATE on PostgreSQL) is refused unless
a row exists in audit_erasure_permit, which only victimcare.audit.chain.erasure_permit writes,
inside the transaction that erases: the retention path, and `manage.py flush`, which the test
suite runs between transactional tests. The SQL is in victimcare/audit/append_only.py.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from victimcare.audit.append_only import guard_install, guard_remove, permit_table_create, permit_table_drop


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    permit_table_create(schema_editor)
    guard_install(schema_editor, "audit_auditevent")


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    guard_remove(schema_editor, "audit_auditevent")
    permit_table_drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_auditchain_link_existing")]
    operations = [migrations.RunPython(forwards, backwards)]
