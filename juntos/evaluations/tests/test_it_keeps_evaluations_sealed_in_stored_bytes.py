"""A copy of the database holds no evaluation text, and with the server's keys it still opens
nothing, even while a liaison's unlock is live: only her cookie's key (or the passphrase) does.

The attacker has the SQLite file and its WAL (or a `pg_dump`), a `dumpdata` dump, the task and
message rows, and every key the server holds (SECRET_KEY, the keyring, the hash and audit keys).
"""

from __future__ import annotations

import base64
import hashlib
import io
from contextlib import nullcontext
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings

from juntos.core import crypto
from juntos.evaluations import services
from juntos.evaluations.models import LiaisonKey, LiaisonUnlock, SealedEvaluation
from juntos.evaluations.sealing import (
    WrappedKey,
    WrongPassphrase,
    cookie_value,
    hpke_info,
    open_sealed,
    private_key_unwrap,
    raw_private,
    unlock_context,
)
from juntos.evaluations.tests.factories import (
    PASSPHRASE,
    carl_evaluates,
    lupe_of,
    season,
    unlocked_cookie,
)
from juntos.testing.stored_bytes import (
    is_sqlite,
    pg_dump_text,
    sqlite_file_bytes,
    sqlite_file_database,
    table_text,
)

pytestmark = pytest.mark.django_db(transaction=True)

CARL_CANARY = "canario-del-empleador-8832"
ROSA_CANARY = "canario-de-la-vivienda-2291"
TASK_TABLES = ("django_tasks_database_dbtaskresult", "core_pendingmessage", "core_outboxmessage")
DATABASE_TASKS = {
    "default": {
        "BACKEND": "juntos.core.task_backend.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
}


def _forms(text: bytes) -> list[bytes]:
    return [text, text.hex().encode(), base64.b64encode(text), base64.urlsafe_b64encode(text)]


def assert_absent(where: str, stored: bytes, secrets: list[bytes]) -> None:
    for secret in secrets:
        for form in _forms(secret):
            assert form not in stored, f"{secret!r} found in {where}"
        assert secret.decode("latin-1").encode("utf-16-le") not in stored


def server_keys() -> list[bytes]:
    """Every key the server holds, and what it derives from them for any purpose we use."""
    ring = crypto.keyring()
    secret = settings.SECRET_KEY.encode()
    derived = [
        crypto._derive(secret, purpose)
        for purpose in ("juntos-development-keyring", "juntos-hash-key", "juntos-audit-chain-key")
    ]
    ring_keys = [ring.key(v, p) for v in ring.keys for p in ("evaluations", "wrap:evaluations")]
    return [
        *ring.keys.values(),
        *ring_keys,
        *derived,
        crypto._hash_key(),
        crypto.audit_chain_key(),
        hashlib.sha256(secret).digest(),
    ]


def try_everything_but_the_passphrase(evaluation: SealedEvaluation) -> list[str]:
    """What an attacker with the database and the server's keys gets: a list of successes."""
    opened = []
    key = LiaisonKey.objects.get()
    unlock = LiaisonUnlock.objects.get()
    info = hpke_info(
        kind=evaluation.kind, season_year=evaluation.season_year, season_ref=evaluation.season_ref
    )
    contexts = [
        f"evaluations.liaison-key:{key.organisation_id}",
        unlock_context(unlock_id=unlock.pk, user_id=unlock.user_id, key_id=key.pk),
    ]
    for candidate in server_keys():
        for blob in (bytes(key.wrapped_private_key), bytes(unlock.sealed_private_key)):
            for context in contexts:
                try:
                    crypto.decrypt(candidate, blob, context=context)
                    opened.append("a wrapped key")
                except crypto.DecryptionError:
                    pass
        try:
            open_sealed(
                bytes(evaluation.encapsulated_key),
                bytes(evaluation.ciphertext),
                X25519PrivateKey.from_private_bytes(candidate),
                info=info,
            )
            opened.append("the evaluation")
        except crypto.DecryptionError:
            pass
        try:
            services.evaluation_open(
                actor=lupe_of(), evaluation=evaluation, cookie=cookie_value(unlock.pk, candidate)
            )
            opened.append("the page's opening")
        except ValidationError:
            pass
    return opened


def stolen_copy(path: Any) -> bytes:
    parts = [table_text(table).encode() for table in TASK_TABLES]
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump, verbosity=0)
    parts.append(dump.getvalue().encode())
    if path is not None:
        stolen = sqlite_file_bytes(path)
        assert b"evaluations_sealedevaluation" in stolen  # the copy does hold the tables
        parts.append(stolen)
    else:
        parts.append(pg_dump_text().encode())
    return b"\n".join(parts)


@override_settings(TASKS=DATABASE_TASKS)
def test_no_evaluation_text_and_no_key_is_in_the_stored_bytes(personas, tmp_path):
    with sqlite_file_database(tmp_path) if is_sqlite() else nullcontext() as path:
        engagement = season(personas.rosa)
        evaluation = carl_evaluates(personas.carl, engagement, comments=CARL_CANARY)
        services.evaluation_submit(
            actor=personas.rosa,
            engagement=engagement,
            kind="worker-of-housing",
            answers={"housing": 2, "enough_space": "no", "comments": ROSA_CANARY},
        )
        cookie = unlocked_cookie()  # a live unlock, as while lupe reads
        opened = services.evaluation_open(actor=lupe_of(), evaluation=evaluation, cookie=cookie)
        assert opened.answers["comments"] == CARL_CANARY
        key = LiaisonKey.objects.get()
        wrapped = WrappedKey(
            bytes(key.public_key),
            bytes(key.wrapped_private_key),
            bytes(key.salt),
            key.argon2_time_cost,
            key.argon2_memory_kib,
        )
        private = raw_private(
            private_key_unwrap(wrapped, PASSPHRASE, organisation_id=key.organisation_id)
        )
        cookie_key = base64.urlsafe_b64decode(cookie.split(".")[1] + "=")
        stolen = stolen_copy(path)
        assert_absent(
            "the stolen copy",
            stolen,
            [CARL_CANARY.encode(), ROSA_CANARY.encode(), private, cookie_key, PASSPHRASE.encode()],
        )
        # The routing fields name nobody: no worker id, name or employer in the sealed table.
        rows = table_text("evaluations_sealedevaluation")
        assert personas.rosa.display_name not in rows and "Okanagan" not in rows


def test_with_the_database_and_the_servers_keys_nothing_opens(personas):
    engagement = season(personas.rosa)
    evaluation = carl_evaluates(personas.carl, engagement, comments=CARL_CANARY)
    unlocked_cookie()  # lupe's unlock is live while the copy is taken
    assert try_everything_but_the_passphrase(evaluation) == []
    key = LiaisonKey.objects.get()
    wrapped = WrappedKey(
        bytes(key.public_key),
        bytes(key.wrapped_private_key),
        bytes(key.salt),
        key.argon2_time_cost,
        key.argon2_memory_kib,
    )
    with pytest.raises(WrongPassphrase):
        private_key_unwrap(wrapped, settings.SECRET_KEY, organisation_id=key.organisation_id)
    # The control: the passphrase itself does open it.
    assert private_key_unwrap(wrapped, PASSPHRASE, organisation_id=key.organisation_id)
