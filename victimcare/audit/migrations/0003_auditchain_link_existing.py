"""Link the audit rows written before the chain, in id order, and set the chain head (ADR 0039).

The rows are hashed as they stand: the chain proves nothing about them before today, only
that none is changed, removed or added from now on."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from victimcare.audit.chain import HEAD_ID, row_hash
from victimcare.audit.models import GENESIS

BATCH = 2000


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    db = schema_editor.connection.alias
    link, last_id, after = GENESIS, None, 0
    while batch := list(AuditEvent.objects.using(db).filter(pk__gt=after).order_by("pk")[:BATCH]):
        for row in batch:
            row.prev_hash = link
            row.hash = link = row_hash(row)
            AuditEvent.objects.using(db).filter(pk=row.pk).update(prev_hash=row.prev_hash, hash=row.hash)
        after = last_id = batch[-1].pk
    AuditChainHead.objects.using(db).update_or_create(pk=HEAD_ID, defaults={"last_id": last_id, "hash": link})


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("audit", "AuditChainHead").objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_auditchain_hash_chain")]
    operations = [migrations.RunPython(forwards, backwards)]
