"""A staff reply tells the worker without leaving her address or the text in the stored bytes.

The attacker has a copy of the database: the SQLite file and its WAL, or a `pg_dump`, and the
task table. A staff message queues a nudge to the worker's phone or email; neither the address
nor the nudge may appear anywhere, before delivery, after it, or after the purge.
"""

from __future__ import annotations

from contextlib import nullcontext

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from juntos.core import tasks
from juntos.reports import selectors, services
from juntos.testing.outbox import outbox_messages
from juntos.testing.stored_bytes import (
    is_sqlite,
    pg_dump_text,
    sqlite_file_bytes,
    sqlite_file_database,
    table_text,
)

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = "+12505550163"
EMAIL = "canario.7319@example.org"
REPLY = "respuesta-canaria-5521"
NUDGE = "Juntos: there is news about your report. Check it with your receipt code."
MESSAGE_TABLES = (
    "django_tasks_database_dbtaskresult",
    "core_pendingmessage",
    "core_outboxmessage",
)
DATABASE_TASKS = {
    "default": {
        "BACKEND": "juntos.core.task_backend.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
}


def canaries() -> list[str]:
    with translation.override("es"):
        spanish = str(translation.gettext(NUDGE))
    assert spanish != NUDGE
    return [PHONE, PHONE.lstrip("+"), EMAIL, NUDGE, spanish, spanish[8:40], REPLY]


def run_tasks() -> None:
    call_command("db_worker", batch=True, queue_name="*", no_startup_delay=True, verbosity=0)


def assert_absent(where: str, text: str | bytes) -> None:
    for canary in canaries():
        if isinstance(text, bytes):
            assert canary.encode() not in text, f"{canary!r} found in {where}"
            assert canary.encode("utf-16-le") not in text, f"{canary!r} (UTF-16) in {where}"
        else:
            assert canary not in text, f"{canary!r} found in {where}"


def assert_nothing_stored(path) -> None:
    for table in (
        "django_tasks_database_dbtaskresult",
        "core_pendingmessage",
        "core_outboxmessage",
    ):
        assert_absent(table, table_text(table))
    if path is not None:
        stolen = sqlite_file_bytes(path)
        assert b"reports.staff_message" in stolen  # the copy does hold the flow's writes
        assert_absent("the SQLite file and WAL", stolen)
    else:
        assert_absent("pg_dump", pg_dump_text())


def reply_to_a_worker(amina, channel: str, address: str) -> None:
    submission = services.report_submit(
        category="housing",
        details="La casa tiene moho.",
        language="es",
        province="BC",
        contact_mode="confidential",
        contact_channel=channel,
        contact_address=address,
    )
    report_id = submission.report.pk
    case = services.case_open(actor=amina, opened=selectors.get_report_for(amina, report_id))
    services.case_message_send(
        actor=amina, case=case, opened=selectors.get_report_for(amina, report_id), body=REPLY
    )


@override_settings(
    TASKS=DATABASE_TASKS, EMAIL_BACKEND="juntos.core.transports.email.OutboxEmailBackend"
)
def test_a_staff_reply_leaves_no_address_and_no_text_in_the_stored_bytes(
    personas, client_as, tmp_path
):
    with sqlite_file_database(tmp_path) if is_sqlite() else nullcontext() as path:
        reply_to_a_worker(personas.amina, "sms", PHONE)
        reply_to_a_worker(personas.amina, "email", EMAIL)
        assert not outbox_messages()  # waiting for the round: no task, no delivery yet
        assert_nothing_stored(path)

        tasks.deliver_waiting_messages.enqueue()  # the scheduler's round
        run_tasks()
        with translation.override("es"):
            nudge = str(translation.gettext(NUDGE))
        assert [m.body for m in outbox_messages(PHONE)] == [nudge]
        assert [m.body for m in outbox_messages(EMAIL)] == [nudge]
        page = client_as("admin").get("/en/outbox/").content.decode()
        assert PHONE in page and EMAIL in page  # operators still read the simulator
        assert_nothing_stored(path)

        tasks.purge_delivered.enqueue()
        run_tasks()
        from django_tasks_db.models import DBTaskResult

        left = list(DBTaskResult.objects.values_list("task_path", flat=True))
        assert left == ["juntos.core.tasks.purge_delivered"]  # only the purge's own row
        assert_nothing_stored(path)
