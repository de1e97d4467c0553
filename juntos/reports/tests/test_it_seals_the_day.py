"""After the daily seal, nothing in the stored bytes orders the day's anonymous reports.

Read as an attacker with a copy would: SQLite's hidden rowid and the order of the rows in a
copy of the file (VACUUM INTO, as a backup is made); PostgreSQL's ctid (the order pg_dump
writes) and xmin (which transaction wrote each row).
"""

import datetime as dt
import itertools
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from juntos.core.models import AuditEntry, PendingAnonymousAuditEntry, SealedDay
from juntos.core.services import audit_verify, day_seal
from juntos.reports import selectors, services
from juntos.reports.models import Report
from juntos.reports.tests.factories import SubmissionFactory, jpeg_with_exif

pytestmark = pytest.mark.django_db(transaction=True)
REPORTS = 40


def _kendall_tau(observed: list, reference: list) -> float:
    rank = {item: i for i, item in enumerate(reference)}
    ranks = [rank[item] for item in observed]
    pairs = list(itertools.combinations(ranks, 2))
    return sum(1 if a < b else -1 for a, b in pairs) / len(pairs)


def _stored_order(table: str, ids: list) -> list:
    """The order in which the rows sit in storage (not an ORDER BY the product uses)."""
    place = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY {place}")
        stored = [uuid.UUID(str(row[0])) for row in cursor]
    wanted = set(ids)
    return [i for i in stored if i in wanted]


def _order_in_a_file_copy(tmp_path, reports) -> list:
    """SQLite: copy the database to a file and find each report's sealed bytes in it."""
    copy = tmp_path / "copy.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(copy)])
    data = copy.read_bytes()
    offsets = {r.pk: data.find(bytes(r.sealed_content)[:32]) for r in reports}
    assert all(offset > 0 for offset in offsets.values())
    return sorted(offsets, key=lambda pk: offsets[pk])


def _xmins(table: str, column: str, ids: list) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT xmin::text FROM {table} WHERE {column}::text = ANY(%s)",
            [[str(i) for i in ids]],
        )
        return {row[0] for row in cursor}


def test_the_seal_leaves_no_order_and_no_time_in_the_stored_rows(personas, tmp_path):
    submissions = [SubmissionFactory.create() for _ in range(REPORTS)]
    ids = [s.report.pk for s in submissions]
    # During the day the rows sit in arrival order: this is what the seal must undo.
    assert _stored_order("reports_report", ids) == ids
    if connection.vendor == "postgresql":
        assert len(_xmins("reports_report", "id", ids)) == REPORTS
    services.worker_message_send(code=submissions[3].receipt_code, body="¿Hay novedades?")
    services.worker_attachment_add(
        code=submissions[7].receipt_code, filename="casa.jpg", data=jpeg_with_exif()
    )

    joined = day_seal(today=timezone.localdate() + dt.timedelta(days=1))

    assert joined >= REPORTS  # their audit entries joined the chain, shuffled
    assert not PendingAnonymousAuditEntry.objects.exists()
    after = _stored_order("reports_report", ids)
    assert sorted(after) == sorted(ids) and after != ids
    assert abs(_kendall_tau(after, ids)) < 0.5
    if connection.vendor == "sqlite":
        reports = list(Report.objects.filter(pk__in=ids))
        copied = _order_in_a_file_copy(tmp_path, reports)
        assert copied != ids and abs(_kendall_tau(copied, ids)) < 0.5
    else:
        one_transaction = _xmins("reports_report", "id", ids)
        assert len(one_transaction) == 1
        for table in ("reports_reportkey", "reports_attachment", "reports_message"):
            assert _xmins(table, "report_id", ids) == one_transaction
    anonymous = AuditEntry.objects.filter(anonymous=True, action="reports.report_received")
    entry_order = [e.object_id for e in anonymous.order_by("id")]
    assert entry_order != [str(i) for i in ids]
    assert audit_verify() is None
    assert SealedDay.objects.filter(day=timezone.localdate()).exists()


def test_reports_still_open_for_her_and_for_the_caseworkers_after_the_seal(personas):
    submission = SubmissionFactory.create()
    services.worker_message_send(code=submission.receipt_code, body="Sigo aquí.")
    day_seal(today=timezone.localdate() + dt.timedelta(days=1))
    opened = services.receipt_open(code=submission.receipt_code)
    assert opened.report.pk == submission.report.pk
    for_amina = selectors.get_report_for(personas.amina, submission.report.pk)
    assert for_amina.content["details"]
    assert [m.body for m in selectors.thread_of(for_amina)] == ["Sigo aquí."]


def test_a_day_is_sealed_once(personas):
    SubmissionFactory.create()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    day_seal(today=tomorrow)
    assert day_seal(today=tomorrow) == 0
    assert SealedDay.objects.count() == 1
