"""Subscription addresses are sealed with the keyring; the plaintext column goes.

On SQLite run VACUUM afterwards (the dropped column's bytes otherwise stay in free pages).
"""

from django.db import migrations, models

PURPOSE = "rights-subscription-address"


def seal_addresses(apps, schema_editor):
    from juntos.core import crypto

    subscription = apps.get_model("rights", "Subscription")
    ring = crypto.keyring()
    for row in subscription.objects.exclude(address=""):
        row.key_version = ring.current_version
        row.sealed_address = crypto.encrypt(
            ring.key(row.key_version, PURPOSE),
            row.address.encode(),
            context=f"subscription:{row.pk}:address",
        )
        row.save(update_fields=["key_version", "sealed_address"])


class Migration(migrations.Migration):
    dependencies = [("rights", "0006_version_last_edited_by")]

    operations = [
        migrations.AddField(
            model_name="subscription",
            name="key_version",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="subscription",
            name="sealed_address",
            field=models.BinaryField(blank=True, default=b""),
        ),
        migrations.RunPython(seal_addresses, migrations.RunPython.noop),
        migrations.RemoveField(model_name="subscription", name="address"),
    ]
