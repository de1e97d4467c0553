"""An answer that is only read (a report's stage, the menu) opens no transaction: its one write,
the reply's row, is a statement of its own, so SQLite's write lock is not held while a report is
opened. A command that changes what we know of the number keeps every write in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings

from juntos.channels.models import Correspondent
from juntos.channels.tests.conftest import ROSA, twilio_post
from juntos.core import tally
from juntos.core.models import PendingMessage
from juntos.reports.tests.factories import SubmissionFactory

# The deployment's queue, so that the reply waits for its worker as it does there.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("_queued_tasks", "_tally_later"),
]

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def _queued_tasks() -> Iterator[None]:
    backend = {
        "BACKEND": "juntos.core.task_backend.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
    with override_settings(TASKS={"default": backend}):
        yield


@pytest.fixture
def _tally_later(monkeypatch: pytest.MonkeyPatch) -> None:
    # The ledger's counts are written every few seconds, by whichever request comes then (the
    # tests' settings write them at once): not by the messages these tests watch.
    monkeypatch.setattr(tally, "FLUSH_SECONDS", 3600.0)


@contextmanager
def _statements() -> Iterator[list[tuple[str, bool]]]:
    """Each statement run, with whether a transaction was open around it."""
    seen: list[tuple[str, bool]] = []

    def record(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        seen.append((sql.lstrip(), connection.in_atomic_block))
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        yield seen


def _sms(text: str) -> None:
    response = twilio_post(Client(), "/channels/twilio/sms/", {"From": ROSA, "Body": text})
    assert response.status_code == 200


def test_a_status_by_its_code_opens_no_transaction_and_writes_only_its_reply():
    code = SubmissionFactory.create().receipt_code
    with _statements() as seen:
        _sms(f"ESTADO {code}")
    assert not [sql for sql, atomic in seen if atomic]
    writes = [sql for sql, _atomic in seen if sql.startswith(WRITES)]
    assert len(writes) == 2  # the sealed reply, and the task that delivers it
    assert 'INTO "core_pendingmessage"' in writes[0]
    assert PendingMessage.objects.count() == 1


def test_the_menu_reads_only_whether_the_number_opted_out():
    with _statements() as seen:
        _sms("AYUDA")
    reads = [sql for sql, _atomic in seen if sql.startswith("SELECT")]
    assert len(reads) == 1
    assert "channels_optout" in reads[0]


def test_a_province_is_remembered_with_its_reply_in_one_transaction():
    with _statements() as seen:
        _sms("PROVINCIA BC")
    writes = [(sql, atomic) for sql, atomic in seen if sql.startswith(WRITES)]
    remembered = [atomic for sql, atomic in writes if "channels_correspondent" in sql]
    replied = [atomic for sql, atomic in writes if "core_pendingmessage" in sql]
    assert remembered == [True]
    assert replied == [True]
    assert Correspondent.objects.get().province == "BC"
