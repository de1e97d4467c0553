"""The audit chain: appends without a lock, the sealer, and every tampering the log must catch.

An attacker with the database bypasses the model (plain SQL) and, where the triggers would
stop him, drops them first, as the owner of a stolen copy can.
"""

import base64
import datetime as dt
import hashlib
import itertools
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from juntos.core.audit import entry_digest
from juntos.core.checkpoints import checkpoint_parse
from juntos.core.dbtriggers import TRIGGERS, triggers_create, triggers_drop, triggers_present
from juntos.core.models import (
    AppendOnlyError,
    AuditCheckpoint,
    AuditEntry,
    AuditHead,
    PendingAnonymousAuditEntry,
)
from juntos.core.services import (
    audit_record,
    audit_seal_anonymous_entries,
    audit_seal_chain,
    audit_verify,
    audit_verify_chain,
    checkpoint_make,
)

pytestmark = pytest.mark.django_db


def _record(personas, *actions):
    for action in actions:
        audit_record(actor=personas.amina, action=action, target=personas.rosa)


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))


@pytest.fixture
def start(personas):
    """The place the chain reached with the personas' own entries, chained first."""
    audit_seal_chain()
    return AuditHead.objects.get().last_sequence


@pytest.fixture
def attacker():
    """Drops the append-only triggers for the test (as the owner of a copy can), then restores."""
    triggers_drop(connection)
    yield
    triggers_drop(connection)
    triggers_create(connection)


def _rehash_from(sequence, *, key=None):
    """Re-hash every entry from `sequence` on, with the real audit key or a guessed one."""
    previous = AuditEntry.objects.get(sequence=sequence).previous_hash
    for entry in AuditEntry.objects.filter(sequence__gte=sequence).order_by("sequence"):
        assert entry.sequence is not None
        if key is None:
            digest = entry_digest(previous_hash=previous, sequence=entry.sequence, entry=entry)
        else:
            digest = hashlib.sha256((key + previous + entry.action).encode()).hexdigest()
        _sql(
            "UPDATE core_auditentry SET previous_hash = %s, entry_hash = %s WHERE id = %s",
            [previous, digest, entry.pk],
        )
        previous = digest
    _sql("UPDATE core_audithead SET last_hash = %s", [previous])


def test_an_append_takes_no_lock_and_waits_for_the_sealer(personas, start):
    _record(personas, "test.one", "test.two")
    assert AuditHead.objects.get().last_sequence == start
    assert AuditEntry.objects.filter(sequence__isnull=True).count() == 2
    assert audit_seal_chain() == 2
    assert audit_seal_chain() == 0
    entries = list(AuditEntry.objects.filter(action__startswith="test.").order_by("id"))
    assert [e.sequence for e in entries] == [start + 1, start + 2]
    assert AuditHead.objects.get().last_sequence == start + 2


def test_each_sealed_entry_links_to_the_previous_keyed_hash(personas):
    _record(personas, "test.one", "test.two", "test.three")
    audit_seal_chain()
    entries = list(AuditEntry.objects.order_by("sequence"))
    assert entries[0].previous_hash == "0" * 64
    for previous, entry in itertools.pairwise(entries):
        assert entry.previous_hash == previous.entry_hash
        assert entry.sequence == (previous.sequence or 0) + 1
    plain = hashlib.sha256(json.dumps({"action": entries[0].action}).encode()).hexdigest()
    assert entries[0].entry_hash != plain and len(entries[0].entry_hash) == 64


def test_an_intact_chain_verifies(personas):
    _record(personas, "test.one", "test.two", "test.three")
    checkpoint_make()
    _record(personas, "test.four")
    assert audit_verify() is None
    call_command("audit_verify")
    assert audit_verify() is None  # the command chained test.four on its way


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE core_auditentry SET action = 'test.innocent' WHERE action = 'test.two'",
        "DELETE FROM core_auditentry WHERE action = 'test.two'",
        "UPDATE core_auditentry SET entry_hash = 'x' WHERE action = 'test.two'",
        "DELETE FROM core_auditcheckpoint",
        "UPDATE core_auditcheckpoint SET sequence = 0",
        "DELETE FROM core_pendinganonymousauditentry",
        "UPDATE core_pendinganonymousauditentry SET action = 'test.innocent'",
    ],
)
def test_the_database_refuses_plain_sql_changes(personas, start, statement):
    _record(personas, "test.one", "test.two")
    audit_record(actor=None, action="test.anonymous", anonymous=True)
    checkpoint_make()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _sql(statement)
    assert AuditEntry.objects.filter(action="test.two").exists()
    assert PendingAnonymousAuditEntry.objects.filter(action="test.anonymous").exists()
    assert AuditCheckpoint.objects.filter(sequence=start + 2).exists()


def test_an_unsealed_entry_cannot_be_edited_before_the_sealer_comes(personas, start):
    _record(personas, "test.one")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _sql("UPDATE core_auditentry SET action = 'test.innocent'")
    assert audit_seal_chain() == 1


def test_the_triggers_are_in_place():
    assert triggers_present(connection) == set(TRIGGERS)


def test_an_edited_entry_is_named(personas, attacker):
    _record(personas, "test.one", "test.two", "test.three")
    audit_seal_chain()
    target = AuditEntry.objects.get(action="test.two")
    _sql("UPDATE core_auditentry SET action = %s WHERE id = %s", ["test.innocent", target.pk])
    broken = audit_verify()
    assert broken is not None
    assert (broken.sequence, broken.reason) == (target.sequence, "content was changed")
    with pytest.raises(CommandError, match=f"#{target.sequence}: content was changed"):
        call_command("audit_verify")


def test_an_edit_rehashed_without_the_key_is_named(personas, attacker):
    _record(personas, "test.one", "test.two", "test.three")
    audit_seal_chain()
    target = AuditEntry.objects.get(action="test.two")
    _sql("UPDATE core_auditentry SET action = %s WHERE id = %s", ["test.innocent", target.pk])
    _rehash_from(target.sequence, key="a guess")
    broken = audit_verify()
    assert broken is not None and broken.sequence == target.sequence


def test_an_edit_rehashed_with_the_key_is_caught_by_the_checkpoints(personas, start, attacker):
    _record(personas, "test.one")
    checkpoint_make()  # at test.one
    _record(personas, "test.two", "test.three")
    checkpoint_make()  # at test.three
    target = AuditEntry.objects.get(action="test.two")
    _sql("UPDATE core_auditentry SET action = %s WHERE id = %s", ["test.innocent", target.pk])
    _rehash_from(target.sequence)  # the attacker holds the HMAC key too
    assert audit_verify_chain() is None  # the chain alone is fooled
    broken = audit_verify()
    assert broken is not None
    assert broken.sequence == target.sequence  # the checkpoint at test.one still holds
    assert f"rewritten between #{start + 2} and #{start + 3}" in broken.reason


def test_a_deleted_entry_is_named(personas, attacker):
    _record(personas, "test.one", "test.two", "test.three")
    audit_seal_chain()
    target = AuditEntry.objects.get(action="test.two")
    _sql("DELETE FROM core_auditentry WHERE id = %s", [target.pk])
    broken = audit_verify()
    assert broken is not None
    assert (broken.sequence, broken.reason) == (target.sequence, "entry is missing")


def _cut_after(sequence):
    _sql("DELETE FROM core_auditentry WHERE sequence > %s", [sequence])
    kept = AuditEntry.objects.get(sequence=sequence)
    _sql(
        "UPDATE core_audithead SET last_sequence = %s, last_hash = %s",
        [sequence, kept.entry_hash],
    )


def test_a_removed_tail_with_the_head_moved_back_is_caught(personas, start, attacker):
    _record(personas, "test.one", "test.two", "test.three")
    checkpoint_make()
    _cut_after(start + 1)
    assert audit_verify_chain() is None  # the chain alone is fooled
    broken = audit_verify()
    assert broken is not None and broken.sequence == start + 2
    assert "the newest entries are missing" in broken.reason
    assert f"log ends at #{start + 1}" in broken.reason


def test_a_mirror_catches_a_tail_removed_with_the_checkpoints(personas, start, attacker, client):
    _record(personas, "test.one", "test.two", "test.three")
    checkpoint_make()
    mirror = client.get("/audit/checkpoints.json").json()  # someone outside keeps a copy
    _sql("DELETE FROM core_auditcheckpoint")
    _cut_after(start + 1)
    assert audit_verify() is None  # nothing left inside the database says otherwise
    broken = audit_verify(published=mirror["checkpoints"])
    assert broken is not None and "the newest entries are missing" in broken.reason


def test_the_command_reads_a_mirrored_feed(personas, start, attacker, client, tmp_path):
    _record(personas, "test.one", "test.two")
    checkpoint_make()
    mirrored = tmp_path / "checkpoints.json"
    mirrored.write_text(client.get("/audit/checkpoints.json").content.decode())
    _sql("DELETE FROM core_auditcheckpoint")
    _cut_after(start + 1)
    call_command("audit_verify", "--no-seal")
    missing = f"at entry #{start + 2}: the newest entries are missing"
    with pytest.raises(CommandError, match=missing):
        call_command("audit_verify", "--no-seal", "--checkpoints", str(mirrored))


def test_a_forged_checkpoint_is_refused(personas, start, attacker):
    _record(personas, "test.one")
    checkpoint = checkpoint_make()
    forged = checkpoint.statement.replace(f'"sequence":{start + 1}', '"sequence":0')
    assert forged != checkpoint.statement
    _sql("UPDATE core_auditcheckpoint SET statement = %s", [forged])
    broken = audit_verify()
    assert broken is not None and "signature does not verify" in broken.reason


def test_a_waiting_anonymous_entry_deleted_before_the_seal_is_caught(personas, attacker):
    audit_record(actor=None, action="test.anonymous", anonymous=True)
    audit_record(actor=None, action="test.anonymous", anonymous=True)
    checkpoint_make()
    one = PendingAnonymousAuditEntry.objects.values_list("pk", flat=True)[0]
    PendingAnonymousAuditEntry.objects.filter(pk=one)._raw_delete(connection.alias)
    broken = audit_verify()
    assert broken is not None and broken.sequence is None
    assert "1 waiting anonymous entries of" in broken.reason and "vanished" in broken.reason
    with pytest.raises(CommandError, match="in its anonymous queue: 1 waiting"):
        call_command("audit_verify")


def test_waiting_entries_that_joined_the_chain_are_accounted_for(personas):
    audit_record(actor=None, action="test.anonymous", anonymous=True)
    day = PendingAnonymousAuditEntry.objects.get().occurred_on
    first = checkpoint_make()
    assert checkpoint_parse(first.statement, first.signature).waiting_by_day == {day.isoformat(): 1}
    assert audit_seal_anonymous_entries(before=day + dt.timedelta(days=1)) == 1
    assert audit_verify() is None
    second = checkpoint_make()
    assert checkpoint_parse(second.statement, second.signature).waiting_by_day == {}
    assert audit_verify() is None


def test_the_published_checkpoints_do_not_tell_how_many_anonymous_entries_wait(personas):
    quiet = json.loads(checkpoint_make().statement)
    for _ in range(3):
        audit_record(actor=None, action="test.anonymous", anonymous=True)
    busy = json.loads(checkpoint_make().statement)
    # Hour by hour, plain counts would date each anonymous action: the box hides even its size.
    assert len(quiet["waiting_sealed"]) == len(busy["waiting_sealed"])
    assert "waiting" not in busy and "waiting_by_day" not in busy
    assert quiet["head"] == busy["head"]


def test_a_checkpoint_is_signed_and_published(personas, start, client):
    _record(personas, "test.one")
    checkpoint_make()
    feed = client.get("/audit/checkpoints.json").json()
    [published] = feed["checkpoints"]
    statement = json.loads(published["statement"])
    assert statement["sequence"] == start + 1
    assert statement["head"] == AuditEntry.objects.get(sequence=start + 1).entry_hash
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(feed["public_key"]))
    key.verify(base64.b64decode(published["signature"]), published["statement"].encode())
    page = client.get("/es/audit/")
    assert page.status_code == 200 and feed["public_key"] in page.content.decode()


def test_entries_cannot_be_changed_or_deleted_through_the_model(personas):
    _record(personas, "test.one")
    entry = AuditEntry.objects.get(action="test.one")
    entry.action = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_anonymous_entries_keep_only_the_day_and_join_the_chain_later(personas, start):
    audit_record(actor=None, action="test.anonymous", anonymous=True, details={"n": 1})
    assert not AuditEntry.objects.filter(action="test.anonymous").exists()
    pending = PendingAnonymousAuditEntry.objects.get()
    assert isinstance(pending.occurred_on, dt.date)

    sealed = audit_seal_anonymous_entries(before=pending.occurred_on + dt.timedelta(days=1))

    assert sealed == 1
    entry = AuditEntry.objects.get(action="test.anonymous")
    assert entry.occurred_at.time() == dt.time(0, 0)
    assert entry.actor_id is None and entry.anonymous and entry.sequence == start + 1
    assert not PendingAnonymousAuditEntry.objects.exists()
    assert audit_verify() is None


def test_todays_anonymous_entries_wait_until_the_day_is_over(personas):
    audit_record(actor=None, action="test.anonymous", anonymous=True)
    today = PendingAnonymousAuditEntry.objects.get().occurred_on
    assert audit_seal_anonymous_entries(before=today) == 0
    assert PendingAnonymousAuditEntry.objects.count() == 1


def test_deleting_a_person_leaves_the_log_as_it_was(personas):
    _record(personas, "test.one")
    audit_seal_chain()
    amina_id = personas.amina.pk
    personas.amina.delete()
    assert AuditEntry.objects.get(action="test.one").actor_id == amina_id
    assert audit_verify() is None
