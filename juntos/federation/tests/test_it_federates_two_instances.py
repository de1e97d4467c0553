"""Two instances on loopback: this test's instance (A) and a second Django server process (B,
`runserver` on a free port with its own SQLite file). A picks up B's vacancy from B's signed
feed, and sends B a consented referral sealed to B's organisation: the referral's words are
in neither instance's stored federation rows, nor anywhere in B's database file.

B's database starts as a file copy of A's migrated test database (with the personas), so the
test spends its time on federation, not on migrations; B makes its own keys."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from juntos.federation import selectors, services
from juntos.federation.models import RemoteOrganisation, SentReferral
from juntos.opportunities.models import Referral
from juntos.opportunities.policies import referring_organisations_of
from juntos.testing.stored_bytes import is_sqlite, sqlite_file_bytes, table_text

ROOT = Path(__file__).resolve().parents[3]
CANARY = "canary-7f3a9c-only-the-receiving-organisation-reads-this"
pytestmark = [
    pytest.mark.skipif(not is_sqlite(), reason="B's database is a SQLite file copy of A's"),
    pytest.mark.django_db(transaction=True),
]

B_SETUP = """
import json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from juntos.federation import services
from juntos.opportunities.tests.factories import published_vacancy
published_vacancy(title="Blueberry harvest on the other network")
services.outbox_refresh()
admin = get_user_model().objects.filter(is_superuser=True).first()
a = json.loads(sys.argv[1])
peer = services.peer_register(actor=admin, name="Network A", base_url=a["url"],
                              key_id=a["key_id"], public_key=a["public_key"])
services.peer_set_status(actor=admin, peer=peer, status="approved")
key = services.instance_key_current()
print(json.dumps({"key_id": key.key_id, "public_key": key.public_key}))
"""

B_OPEN = """
import json
import django
django.setup()
from juntos.federation.keys import open_sealed
from juntos.federation.models import InboxKey, ReceivedReferral
rows = list(ReceivedReferral.objects.all())
opened = [json.loads(open_sealed(bytes(r.sealed_body),
          InboxKey.objects.get(organisation_id=r.organisation_id))) for r in rows]
print(json.dumps({"ids": [r.activity_id for r in rows], "notes": [o["note"] for o in opened]}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(database: Path, port: int) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="juntos.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{database}",
        JUNTOS_SITE_URL=f"http://127.0.0.1:{port}",
        JUNTOS_LOG_LEVEL="WARNING",
    )
    return environment


def _run(code: str, environment: dict[str, str], *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture
def instance_b(personas: Any, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """B: a copy of the migrated database with the personas, a published vacancy, A as its
    approved peer, served by `runserver` on a free loopback port."""
    database = tmp_path / "b.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(database)])
    port = _free_port()
    environment = _environment(database, port)
    a_key = services.instance_key_current()
    a = {"url": "http://127.0.0.1:1", "key_id": a_key.key_id, "public_key": a_key.public_key}
    b_key = _run(B_SETUP, environment, json.dumps(a))
    log = (tmp_path / "b.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks",
         f"127.0.0.1:{port}"],
        cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            assert server.poll() is None, (tmp_path / "b.log").read_text()[-2000:]
            try:
                with urllib.request.urlopen(f"{url}/federation/key.json", timeout=2) as r:
                    assert json.loads(r.read())["keyId"] == b_key["key_id"]
                    break
            except OSError:
                assert time.monotonic() < deadline, "B did not answer within 20 s"
                time.sleep(0.2)  # waiting for B to accept connections
        yield {**b_key, "url": url, "database": database, "environment": environment}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_a_picks_up_bs_vacancy_and_sends_it_a_sealed_referral(
    personas: Any, instance_b: dict[str, Any]
) -> None:
    b = services.peer_register(
        actor=personas.admin,
        name="Network B",
        base_url=instance_b["url"],
        key_id=instance_b["key_id"],
        public_key=instance_b["public_key"],
    )
    b = services.peer_set_status(actor=personas.admin, peer=b, status="approved")

    result = services.peer_sync(actor=personas.admin, peer=b)
    assert (result.refused, result.unreachable) == ("", False)
    assert [v.title for v in selectors.remote_vacancies()] == [
        "Blueberry harvest on the other network"
    ]
    b.refresh_from_db()
    assert services.peer_sync(actor=None, peer=b).stored == 0  # a re-sync: no duplicate
    assert selectors.remote_vacancies().count() == 1

    referring = min(referring_organisations_of(personas.amina))
    referral = Referral.objects.create(
        worker=personas.rosa,
        referring_organisation_id=referring,
        home_organisation_id=referring,
        kind="training",
        consented_at=timezone.now(),
        shared_fields=["name"],
        shared_values={"name": "Rosa"},
        note=CANARY,
        sent_on=timezone.localdate(),
    )
    to = RemoteOrganisation.objects.filter(peer=b).order_by("pk").first()
    assert to is not None  # B's organisations came with its feeds, each with its HPKE key
    sent = services.referral_send(
        actor=personas.amina, referral_id=referral.pk, organisation=to, consent=True
    )

    # B received it and its organisation's key opens it; B's database file never held it.
    opened = _run(B_OPEN, instance_b["environment"])
    assert opened == {"ids": [sent.activity_id], "notes": [CANARY]}
    stolen = sqlite_file_bytes(instance_b["database"])
    assert sent.activity_id.encode() in stolen  # the search does find what is stored
    assert CANARY.encode() not in stolen

    # A keeps its own referral (the opportunities app's row); nothing federation stored, and
    # no other table, holds the words.
    assert CANARY in table_text("opportunities_referral")
    assert SentReferral.objects.get().activity_id == sent.activity_id
    for table in connection.introspection.table_names():
        if table != "opportunities_referral":
            assert CANARY not in table_text(table), table
