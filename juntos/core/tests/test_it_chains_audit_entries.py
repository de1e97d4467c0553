import datetime as dt
import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from juntos.core.audit import audit_seal_anonymous_entries, audit_verify_chain
from juntos.core.models import AppendOnlyError, AuditEntry, PendingAnonymousAuditEntry
from juntos.core.services import audit_record

pytestmark = pytest.mark.django_db


def _record_three(personas):
    for action in ("test.one", "test.two", "test.three"):
        audit_record(actor=personas.amina, action=action, target=personas.rosa)


def test_an_intact_chain_verifies(personas):
    _record_three(personas)
    assert audit_verify_chain() is None
    call_command("audit_verify")


def test_each_entry_links_to_the_previous_hash(personas):
    _record_three(personas)
    entries = list(AuditEntry.objects.order_by("sequence"))
    for previous, entry in itertools.pairwise(entries):
        assert entry.previous_hash == previous.entry_hash
        assert entry.sequence == previous.sequence + 1


def test_an_edited_entry_is_named(personas):
    _record_three(personas)
    target = AuditEntry.objects.get(action="test.two")
    with connection.cursor() as cursor:  # an attacker with database access, bypassing the model
        cursor.execute(
            "UPDATE core_auditentry SET action = %s WHERE id = %s", ["test.innocent", target.pk]
        )
    broken = audit_verify_chain()
    assert broken is not None
    assert broken.sequence == target.sequence
    assert broken.reason == "content was changed"
    with pytest.raises(CommandError, match=f"#{target.sequence}"):
        call_command("audit_verify")


def test_a_deleted_entry_is_named(personas):
    _record_three(personas)
    target = AuditEntry.objects.get(action="test.two")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [target.pk])
    broken = audit_verify_chain()
    assert broken is not None
    assert broken.sequence == target.sequence


def test_removing_the_newest_entry_is_detected(personas):
    _record_three(personas)
    newest = AuditEntry.objects.order_by("-sequence")[0]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [newest.pk])
    assert audit_verify_chain() is not None


def test_entries_cannot_be_changed_or_deleted_through_the_model(personas):
    _record_three(personas)
    entry = AuditEntry.objects.order_by("sequence")[0]
    entry.action = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_anonymous_entries_keep_only_the_day_and_join_the_chain_later(personas):
    audit_record(actor=None, action="test.anonymous", anonymous=True, details={"n": 1})
    assert not AuditEntry.objects.filter(action="test.anonymous").exists()
    pending = PendingAnonymousAuditEntry.objects.get()
    assert isinstance(pending.occurred_on, dt.date)

    sealed = audit_seal_anonymous_entries(before=pending.occurred_on + dt.timedelta(days=1))

    assert sealed == 1
    entry = AuditEntry.objects.get(action="test.anonymous")
    assert entry.occurred_at.time() == dt.time(0, 0)
    assert entry.actor_id is None
    assert not PendingAnonymousAuditEntry.objects.exists()
    assert audit_verify_chain() is None


def test_todays_anonymous_entries_wait_until_the_day_is_over(personas):
    audit_record(actor=None, action="test.anonymous", anonymous=True)
    today = PendingAnonymousAuditEntry.objects.get().occurred_on
    assert audit_seal_anonymous_entries(before=today) == 0
    assert PendingAnonymousAuditEntry.objects.count() == 1
