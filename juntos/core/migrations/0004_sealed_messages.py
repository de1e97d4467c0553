"""Messages are sealed while they wait and in the outbox; tasks carry only an id.

Existing outbox rows are sealed in place; waiting delivery tasks, whose arguments held the
address and text, become sealed waiting messages, and every old delivery task row is deleted.
On SQLite run VACUUM afterwards (the deleted bytes otherwise stay in free pages).
"""

import uuid

from django.db import migrations, models

OLD_TASK = "juntos.core.tasks.deliver_message"


def seal_outbox(apps, schema_editor):
    from juntos.core.envelopes import message_seal
    from juntos.core.transports.base import Message

    outbox = apps.get_model("core", "OutboxMessage")
    for row in outbox.objects.all():
        message = Message(
            channel=row.channel, recipient=row.recipient, subject=row.subject, body=row.body
        )
        row.key_version, row.sealed = message_seal(message, context="outbox")
        row.recorded_on = row.created_at.date()
        row.save(update_fields=["key_version", "sealed", "recorded_on"])


def seal_waiting_tasks(apps, schema_editor):
    from juntos.core.envelopes import message_seal
    from juntos.core.transports.base import Message

    results = apps.get_model("django_tasks_database", "DBTaskResult")
    pending = apps.get_model("core", "PendingMessage")
    old = results.objects.filter(task_path=OLD_TASK)
    for row in old.filter(status="READY"):
        kwargs = (row.args_kwargs or {}).get("kwargs", {})
        if "recipient" not in kwargs:
            continue
        message = Message(
            channel=kwargs["channel"],
            recipient=kwargs["recipient"],
            subject=kwargs.get("subject", ""),
            body=kwargs["body"],
        )
        message_id = uuid.uuid4()
        version, sealed = message_seal(message, context=f"pending:{message_id}")
        pending.objects.create(id=message_id, key_version=version, sealed=sealed)
    old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_throttle"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.CreateModel(
            name="PendingMessage",
            fields=[
                ("key_version", models.PositiveSmallIntegerField()),
                ("sealed", models.BinaryField()),
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("failed_attempts", models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                "verbose_name": "message waiting for delivery",
                "verbose_name_plural": "messages waiting for delivery",
            },
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="key_version",
            field=models.PositiveSmallIntegerField(default=1),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="sealed",
            field=models.BinaryField(default=b""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="recorded_on",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(seal_outbox, migrations.RunPython.noop),
        migrations.RunPython(seal_waiting_tasks, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="outboxmessage",
            name="recorded_on",
            field=models.DateField(),
        ),
        migrations.RemoveField(model_name="outboxmessage", name="recipient"),
        migrations.RemoveField(model_name="outboxmessage", name="subject"),
        migrations.RemoveField(model_name="outboxmessage", name="body"),
        migrations.RemoveField(model_name="outboxmessage", name="created_at"),
    ]
