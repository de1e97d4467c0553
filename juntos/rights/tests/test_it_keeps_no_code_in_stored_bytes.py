"""A subscription and its confirmation message leave no address, code or text in stored bytes.

The attacker has a copy of the database (SQLite file and WAL, or a `pg_dump`) and the task
table. The message with the code waits sealed, its task carries an id, and both are forgotten.
"""

from __future__ import annotations

import re
from contextlib import nullcontext

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from juntos.core import tasks
from juntos.rights.models import Subscription
from juntos.testing.outbox import outbox_one
from juntos.testing.stored_bytes import (
    is_sqlite,
    pg_dump_text,
    sqlite_file_bytes,
    sqlite_file_database,
    table_text,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+12505550164"
DATABASE_TASKS = {
    "default": {
        "BACKEND": "juntos.core.task_backend.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
}
MESSAGE_TABLES = (
    "django_tasks_database_dbtaskresult",
    "core_pendingmessage",
    "core_outboxmessage",
)


def run_tasks() -> None:
    call_command("db_worker", batch=True, queue_name="*", no_startup_delay=True, verbosity=0)


def subscribe_and_confirm() -> tuple[str, str]:
    """Subscribe by phone as a worker would, confirm with the code; (code, message body)."""
    worker = Client()
    sent = worker.post(
        "/es/rights/alerts/",
        {
            "channel": "sms",
            "address": "+1 250 555 0164",
            "province": "BC",
            "programs": ["sawp-mx"],
            "language": "es",
            "frequency": "immediate",
        },
    )
    assert sent.status_code == 302, sent.content
    run_tasks()
    body = outbox_one(PHONE).body
    match = re.search(r"\b(\d{6})\b", body)
    assert match is not None
    worker.post(sent["Location"], {"code": match.group(1)})
    assert Subscription.objects.get().confirmed
    return match.group(1), body


def stolen_copy(path) -> str | bytes:
    return sqlite_file_bytes(path) if path is not None else pg_dump_text()


def contains(copy: str | bytes, text: str) -> bool:
    """Whether the copy holds the text. The six digits of a code can turn up by chance in the
    hex that sealed values are written as (in a dump, and in `table_text`), since 0-9 are hex
    digits: where the text is all digits, an occurrence inside a longer run of hex digits is
    that chance, not the code (a stored code stands apart: "... es 792349.")."""
    if not text.isdigit():
        if isinstance(copy, bytes):
            return text.encode() in copy or text.encode("utf-16-le") in copy
        return text in copy
    alone = rf"(?<![0-9a-fA-F]){text}(?![0-9a-fA-F])"
    if isinstance(copy, bytes):
        return bool(re.search(alone.encode(), copy)) or text.encode("utf-16-le") in copy
    return bool(re.search(alone, copy))


@override_settings(TASKS=DATABASE_TASKS)
def test_the_code_message_leaves_no_address_code_or_text(db, tmp_path):
    with sqlite_file_database(tmp_path) if is_sqlite() else nullcontext() as path:
        code, body = subscribe_and_confirm()
        secrets = [PHONE, PHONE.lstrip("+"), code, body, body[:30]]
        for table in MESSAGE_TABLES:
            for secret in secrets:
                assert not contains(table_text(table), secret), (secret, table)
        for secret in (code, body, body[:30]):
            assert not contains(stolen_copy(path), secret), secret

        tasks.purge_delivered.enqueue()
        run_tasks()
        from django_tasks_db.models import DBTaskResult

        assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [
            "juntos.core.tasks.purge_delivered"
        ]
        copy = stolen_copy(path)
        assert contains(copy, "rights.subscription_confirmed")  # the copy holds the flow
        for secret in (code, body, body[:30]):
            assert not contains(copy, secret), secret


@override_settings(TASKS=DATABASE_TASKS)
def test_the_address_is_nowhere_in_the_copy(db, tmp_path):
    with sqlite_file_database(tmp_path) if is_sqlite() else nullcontext() as path:
        subscribe_and_confirm()
        copy = stolen_copy(path)
        assert not contains(copy, PHONE) and not contains(copy, PHONE.lstrip("+"))
