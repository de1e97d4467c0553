"""Audited writes from several processes at once: nothing lost, nothing doubled, no deadlock.

Appends take no shared lock; the sealer runs inside the writers too, as the periodic task would
beside them. SQLite lets one writer at a time anyway (and the test database lives in memory),
so this runs on PostgreSQL.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from juntos.core.models import AuditEntry
from juntos.core.services import audit_seal_chain, audit_verify

ROOT = Path(__file__).resolve().parents[3]
WRITERS = 4
EACH = 60
WRITER = """
import os, sys, django
django.setup()
from django.db import transaction
from juntos.core.services import audit_record, audit_seal_chain
writer = int(sys.argv[1])
for n in range(int(sys.argv[2])):
    with transaction.atomic():
        audit_record(actor=None, action="test.parallel", details={"writer": writer, "n": n})
    if n % 15 == 0:
        audit_seal_chain()
"""


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL: SQLite writes one at a time and tests it in memory",
)
def test_parallel_writers_lose_nothing_and_never_deadlock():
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "juntos.settings_test",
        "PYTHONPATH": str(ROOT),
    }
    started = time.monotonic()
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(w), str(EACH)], env=env, cwd=ROOT)
        for w in range(WRITERS)
    ]
    for writer in writers:
        assert writer.wait(timeout=180) == 0  # a deadlock would time out or fail here
    elapsed = time.monotonic() - started
    audit_seal_chain()

    written = AuditEntry.objects.filter(action="test.parallel")
    pairs = {(e.details["writer"], e.details["n"]) for e in written}
    assert written.count() == WRITERS * EACH
    assert pairs == {(w, n) for w in range(WRITERS) for n in range(EACH)}
    sequences = sorted(s or 0 for s in AuditEntry.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, len(sequences) + 1))
    assert audit_verify() is None
    # Shown with -s (or on failure): the figure the scale-out notes quote.
    sys.stderr.write(
        f"{WRITERS * EACH} audited writes from {WRITERS} processes in {elapsed:.1f} s\n"
    )
