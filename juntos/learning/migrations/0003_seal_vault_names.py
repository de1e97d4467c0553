"""Seal vault documents' titles and file names, which were stored in plain text.

Each is encrypted under the document's own data key, as the model's `seal_names` does, and the
plain columns are then dropped. Reversing unseals them back into plain columns.
"""

from django.db import migrations, models

from juntos.core.crypto import decrypt, encrypt, unwrap_key


def _data_key(document):
    return unwrap_key(
        bytes(document.wrapped_key),
        purpose=f"user:{document.owner_id}",
        version=document.key_version,
    )


def seal(apps, schema_editor):
    VaultDocument = apps.get_model("learning", "VaultDocument")
    for document in VaultDocument.objects.defer("ciphertext").iterator(chunk_size=200):
        key = _data_key(document)
        context = f"learning-vault-names:{document.owner_id}"
        document.sealed_title = encrypt(key, document.title.encode(), context=context + ":title")
        document.sealed_filename = encrypt(
            key, document.filename.encode(), context=context + ":filename"
        )
        document.save(update_fields=["sealed_title", "sealed_filename"])


def unseal(apps, schema_editor):
    VaultDocument = apps.get_model("learning", "VaultDocument")
    for document in VaultDocument.objects.defer("ciphertext").iterator(chunk_size=200):
        key = _data_key(document)
        context = f"learning-vault-names:{document.owner_id}"
        document.title = decrypt(
            key, bytes(document.sealed_title), context=context + ":title"
        ).decode()
        document.filename = decrypt(
            key, bytes(document.sealed_filename), context=context + ":filename"
        ).decode()
        document.save(update_fields=["title", "filename"])


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_drop_pending_contact")]

    operations = [
        migrations.AddField(
            model_name="vaultdocument",
            name="sealed_title",
            field=models.BinaryField(default=b""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="vaultdocument",
            name="sealed_filename",
            field=models.BinaryField(default=b""),
            preserve_default=False,
        ),
        migrations.RunPython(seal, unseal, elidable=False),
        migrations.RemoveField(model_name="vaultdocument", name="title"),
        migrations.RemoveField(model_name="vaultdocument", name="filename"),
    ]
