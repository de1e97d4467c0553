"""Files given on the intake page, kept sealed across the "Find employer" step.

The page holds the only copy of the token; without it the rows cannot be found or opened.
Nothing here names or dates the worker: random ids, no times, no audit entry (the report that
follows is audited when it is sent; a held file that is never sent is purged within two hours).
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from juntos.core import crypto
from juntos.reports import sealing
from juntos.reports.attachments import MAX_FILES, AttachmentRejected, CleanFile
from juntos.reports.models import HeldFile

TOKEN_CHARACTERS = 43  # secrets.token_urlsafe(32)


def _lookup(token: str) -> str:
    return crypto.keyed_hash("held-file", token)


def _key(token: str) -> bytes:
    # Derived with the server's hash key, so the database and the page are both needed.
    return bytes.fromhex(crypto.keyed_hash("held-file-key", token))


def _well_formed(token: str) -> bool:
    return len(token) == TOKEN_CHARACTERS and token.replace("-", "").replace("_", "").isalnum()


def held_files_keep(*, token: str, files: list[CleanFile]) -> str:
    """Seal cleaned files for the next submission of the page; returns the token to carry."""
    if not _well_formed(token):
        token = secrets.token_urlsafe(32)
    if not files:
        return token
    lookup, key = _lookup(token), _key(token)
    with transaction.atomic():
        if HeldFile.objects.filter(lookup=lookup).count() + len(files) > MAX_FILES:
            raise AttachmentRejected(
                _("Please send at most %(count)s files.") % {"count": MAX_FILES}
            )
        for clean in files:
            held = HeldFile(lookup=lookup, content_type=clean.content_type, size=len(clean.data))
            held.sealed_name = sealing.seal(key, "held", f"name:{held.id}", clean.filename)
            held.sealed_data = sealing.seal_bytes(key, "held", f"file:{held.id}", clean.data)
            held.save(force_insert=True)
    return token


def held_files_open(token: str) -> list[CleanFile]:
    """The files held under this token, decrypted (none for an unknown or purged token)."""
    if not _well_formed(token):
        return []
    key = _key(token)
    return [
        CleanFile(
            filename=sealing.open_sealed(key, "held", f"name:{held.id}", held.sealed_name),
            content_type=held.content_type,
            data=sealing.open_bytes(key, "held", f"file:{held.id}", held.sealed_data),
        )
        for held in HeldFile.objects.filter(lookup=_lookup(token)).order_by("id")
    ]


def held_files_forget(token: str) -> None:
    """Delete the held files once the report that carries them is stored."""
    if _well_formed(token):
        HeldFile.objects.filter(lookup=_lookup(token)).delete()


def held_files_purge() -> int:
    """Hourly: delete the files the last run marked, and mark the rest (1-2 hours' life)."""
    with transaction.atomic():
        deleted = HeldFile.objects.filter(purge_next=True).delete()[0]
        HeldFile.objects.update(purge_next=True)
    return deleted
