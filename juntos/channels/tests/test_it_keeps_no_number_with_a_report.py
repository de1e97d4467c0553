"""A status asked by SMS pairs the number with the report nowhere: not in the stored bytes (the
SQLite file and WAL, or a pg_dump), not in any row, not in any log line."""

from __future__ import annotations

import logging
from contextlib import nullcontext

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from juntos.channels.tests.conftest import twilio_post
from juntos.reports import selectors, services
from juntos.rights.services import content_load
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
REPLY = "respuesta-canaria-8842"
DATABASE_TASKS = {
    "default": {
        "BACKEND": "juntos.core.task_backend.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
}


def _number_canaries() -> list[str]:
    return [PHONE, PHONE.lstrip("+"), PHONE[2:], "250-555-0163", "555-0163"]


def _absent(where: str, text: str | bytes, canaries: list[str]) -> None:
    for canary in canaries:
        if isinstance(text, bytes):
            assert canary.encode() not in text, f"{canary!r} in {where}"
            assert canary.encode("utf-16-le") not in text, f"{canary!r} (UTF-16) in {where}"
        else:
            assert canary not in text, f"{canary!r} in {where}"


def _sms(text: str) -> None:
    response = twilio_post(Client(), "/channels/twilio/sms/", {"From": PHONE, "Body": text})
    assert response.status_code == 200


def _channels_tables() -> list[str]:
    return [t for t in connection.introspection.table_names() if t.startswith("channels_")]


@override_settings(TASKS=DATABASE_TASKS)
def test_status_and_messages_by_sms_leave_no_number_and_no_pairing(personas, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    content_load(notify_subscribers=False)
    with sqlite_file_database(tmp_path) if is_sqlite() else nullcontext() as path:
        submission = services.report_submit(
            category="housing", details="La casa tiene moho.", language="es", province="BC"
        )
        report = submission.report
        amina = personas.amina
        case = services.case_open(actor=amina, opened=selectors.get_report_for(amina, report.pk))
        services.case_message_send(
            actor=amina, case=case, opened=selectors.get_report_for(amina, report.pk), body=REPLY
        )
        for text in (
            f"ESTADO {submission.receipt_code}",
            f"MENSAJES {submission.receipt_code}",
            "DERECHOS vivienda",
            "ALERTAS SI",
        ):
            _sms(text)
        call_command("db_worker", batch=True, queue_name="*", no_startup_delay=True, verbosity=0)
        bodies = [m.body for m in outbox_messages(PHONE)]
        assert len(bodies) == 4 and REPLY in bodies[1]  # the flow did happen

        code = submission.receipt_code
        report_ids = [str(report.pk), report.pk.hex]
        # No number anywhere (the whole database, as stolen), and no receipt code.
        stolen = sqlite_file_bytes(path) if path is not None else pg_dump_text()
        _absent("the stored bytes", stolen, [*_number_canaries(), code, code.replace("-", "")])
        # The channels' own rows name no report.
        for table in _channels_tables():
            _absent(table, table_text(table), [*report_ids, report.receipt_hash])
        # No log line holds the number, the code or the report.
        for record in caplog.records:
            line = record.getMessage() + repr(getattr(record, "args", ""))
            _absent(f"log {record.name}", line, [*_number_canaries(), code, *report_ids])
