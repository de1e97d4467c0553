"""A vault document's title and file name are sealed like its file: a copy of the database
shows neither, and the migration sealed the ones stored before."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from juntos.core.crypto import encrypt, new_key, wrap_key
from juntos.learning.models import VaultDocument
from juntos.learning.services import document_upload

TITLE = "Denuncia contra el patrón 7f3e21"
FILENAME = "denuncia-7f3e21.pdf"


def _stored_bytes() -> bytes:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM learning_vaultdocument")
        rows = cursor.fetchall()
    return repr(rows).encode() + b"".join(
        bytes(v) for r in rows for v in r if isinstance(v, (bytes, memoryview))
    )


def test_titles_and_file_names_are_not_stored_in_plain_text(personas):
    document = document_upload(
        actor=personas.rosa, kind="other", title=TITLE, filename=FILENAME, data=b"%PDF-1.4 x"
    )
    stored = _stored_bytes()
    assert b"7f3e21" not in stored and "7f3e21".encode("utf-16-le") not in stored
    again = VaultDocument.objects.get(pk=document.pk)
    assert (again.title, again.filename) == (TITLE, FILENAME)


def test_a_sealed_title_cannot_be_moved_to_another_persons_document(personas):
    mine = document_upload(
        actor=personas.rosa, kind="other", title=TITLE, filename=FILENAME, data=b"text"
    )
    other = document_upload(
        actor=personas.carl, kind="other", title="x", filename="x.txt", data=b"text"
    )
    VaultDocument.objects.filter(pk=other.pk).update(sealed_title=mine.sealed_title)
    with pytest.raises(Exception):  # noqa: B017 - the key and the context both refuse it
        _ = VaultDocument.objects.get(pk=other.pk).title


def test_the_vault_page_still_shows_the_titles(personas, client_as):
    document_upload(actor=personas.rosa, kind="other", title=TITLE, filename=FILENAME, data=b"t")
    page = client_as("rosa").get("/es/learning/vault/").content.decode()
    assert TITLE in page


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_titles_stored_before_it(personas):
    executor = MigrationExecutor(connection)
    before = [("learning", "0002_drop_pending_contact")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("learning", "VaultDocument")
    data_key = new_key()
    version, wrapped = wrap_key(data_key, purpose=f"user:{personas.rosa.pk}")
    old.objects.create(
        owner_id=personas.rosa.pk,
        kind="other",
        title=TITLE,
        filename=FILENAME,
        content_type="text/plain",
        size=4,
        ciphertext=encrypt(data_key, b"text", context=f"learning-vault:{personas.rosa.pk}"),
        wrapped_key=wrapped,
        key_version=version,
    )
    assert b"7f3e21" in _stored_bytes()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("learning"))
    assert b"7f3e21" not in _stored_bytes()
    document = VaultDocument.objects.get()
    assert (document.title, document.filename) == (TITLE, FILENAME)
