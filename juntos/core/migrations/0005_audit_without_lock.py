"""Audit appends without a lock, a keyed chain, signed checkpoints, append-only triggers.

Existing entries are chained again under the audit key (HMAC) in their old order: run
`audit_verify` before upgrading to know the old chain was intact.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from juntos.core.dbtriggers import triggers_sql


def rekey_the_chain(apps, schema_editor):
    from juntos.core.audit import GENESIS_HASH, entry_digest

    entry_model = apps.get_model("core", "AuditEntry")
    head_model = apps.get_model("core", "AuditHead")
    previous, sequence = GENESIS_HASH, 0
    for entry in entry_model.objects.order_by("sequence").iterator(chunk_size=2000):
        sequence += 1
        digest = entry_digest(previous_hash=previous, sequence=sequence, entry=entry)
        entry_model.objects.filter(pk=entry.pk).update(
            sequence=sequence, previous_hash=previous, entry_hash=digest
        )
        previous = digest
    head_model.objects.update_or_create(
        pk=1, defaults={"last_sequence": sequence, "last_hash": previous}
    )


def create_triggers(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in triggers_sql(schema_editor.connection.vendor, create=True):
            cursor.execute(statement)


def drop_triggers(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in triggers_sql(schema_editor.connection.vendor, create=False):
            cursor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_sealed_messages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditCheckpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sequence', models.PositiveBigIntegerField()),
                ('head_hash', models.CharField(max_length=64)),
                ('waiting', models.PositiveIntegerField()),
                ('made_at', models.DateTimeField()),
                ('statement', models.TextField()),
                ('signature', models.CharField(max_length=100)),
            ],
            options={
                'verbose_name': 'audit checkpoint',
                'verbose_name_plural': 'audit checkpoints',
                'ordering': ['-id'],
            },
        ),
        migrations.CreateModel(
            name='SealedDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(unique=True)),
            ],
        ),
        migrations.AlterModelOptions(
            name='auditentry',
            options={'ordering': ['id'], 'verbose_name': 'audit entry', 'verbose_name_plural': 'audit entries'},
        ),
        migrations.AddField(
            model_name='auditentry',
            name='anonymous',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='queue_id',
            field=models.UUIDField(blank=True, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='actor',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='entry_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='previous_hash',
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='sequence',
            field=models.PositiveBigIntegerField(blank=True, null=True, unique=True),
        ),
        migrations.AddIndex(
            model_name='auditentry',
            index=models.Index(condition=models.Q(('sequence__isnull', True)), fields=['id'], name='auditentry_unsealed'),
        ),
        migrations.RunPython(rekey_the_chain, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
