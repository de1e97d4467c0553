"""Anonymous public reads from a PostgreSQL streaming replica; the rest stays on the primary.

The router's rules run everywhere. The tests marked `replica` need a real primary and replica:
`scripts/with-postgres --replica` starts both (`make pytest-replica`; CI runs it).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import dj_database_url
import pytest
from django.contrib.sessions.models import Session
from django.core.checks import run_checks
from django.db import connections, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from juntos.accounts.models import Organisation
from juntos.core import replica
from juntos.rights.tests.factories import published_article, texts_with
from juntos.testing.personas import logged_in_client

REPLICA_URL = os.environ.get("JUNTOS_DATABASE_REPLICA_URL", "")


def test_the_router_sends_only_marked_reads_outside_a_write_to_the_replica(db: Any) -> None:
    router = replica.ReplicaRouter()
    assert router.db_for_read(Organisation) == "default"  # not marked
    token = replica._public_read.set(True)
    try:
        assert router.db_for_read(Session) == "default"  # who someone is: always the primary
        with transaction.atomic():  # tests run inside one; a write's reads stay with it
            assert router.db_for_read(Organisation) == "default"
    finally:
        replica._public_read.reset(token)
    assert router.db_for_write(Organisation) == "default"
    assert router.allow_migrate("replica", "rights") is False
    assert router.allow_migrate("default", "rights") is True


def test_a_replica_beside_sqlite_fails_the_system_check() -> None:
    databases = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "x"},
        "replica": {"ENGINE": "django.db.backends.postgresql", "NAME": "x"},
    }
    with override_settings(DATABASES=databases):
        errors = [m.id for m in run_checks() if m.id == "juntos.E003"]
    assert errors == ["juntos.E003"]


def test_every_view_named_for_the_replica_exists_and_is_public() -> None:
    from django.conf import settings
    from django.urls import get_resolver

    names: set[str] = set()

    def walk(resolver: Any, namespace: str = "") -> None:
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                inner = pattern.namespace or ""
                walk(pattern, f"{namespace}:{inner}".strip(":") if inner else namespace)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}".strip(":"))

    walk(get_resolver())
    assert names >= settings.JUNTOS_REPLICA_VIEWS, settings.JUNTOS_REPLICA_VIEWS - names
    private = {"reports", "accounts", "network", "funding", "opportunities", "channels", "admin"}
    assert not {n for n in settings.JUNTOS_REPLICA_VIEWS if n.split(":")[0] in private}


# --- With a real streaming replica ----------------------------------------------------------

needs_replica = pytest.mark.skipif(
    not REPLICA_URL,
    reason="no replica here: `make pytest-replica` starts one (scripts/with-postgres --replica)",
)


def on_real_replica(test: Any) -> Any:
    """Marks a test that reads through the real standby (committed data, both databases)."""
    marks = (needs_replica, pytest.mark.replica,
             pytest.mark.django_db(transaction=True, databases=["default", "replica"]))  # fmt: skip
    for mark in marks:
        test = mark(test)
    return test


@pytest.fixture
def real_replica(transactional_db: Any) -> Iterator[Any]:
    """The `replica` alias pointed at the real standby, reading the primary's test database."""
    connection = connections["replica"]
    mirrored = connection.settings_dict
    standby = dj_database_url.parse(REPLICA_URL)
    connection.close()
    connection.settings_dict = {**mirrored, "HOST": standby["HOST"], "PORT": standby["PORT"]}
    replica._lag.forget()
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict = mirrored
        replica._lag.forget()


def _replayed(connection: Any, slug: str) -> None:
    """Wait until the standby has replayed everything the primary has written so far (the
    article is made in several transactions; replication is asynchronous).

    A message written to the primary's WAL now returns the exact end of its record; once the
    standby has replayed up to there, it has replayed every earlier commit. (The primary's
    insert position is not such a point: at a page boundary it lies past the page header, where
    no record ends until something else is written.)"""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_logical_emit_message(false, 'juntos-test', %s)", [slug])
        written = cursor.fetchone()[0]
    for _ in range(600):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written])
            caught_up = cursor.fetchone()[0]
            cursor.execute("SELECT count(*) FROM rights_article WHERE slug = %s", [slug])
            if caught_up and cursor.fetchone()[0]:
                return
        time.sleep(0.05)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn(), pg_is_wal_replay_paused(),"
            " (SELECT string_agg(coalesce(wait_event, '-') || ':' || coalesce(state, '-'), ', ')"
            "  FROM pg_stat_activity WHERE backend_type = 'startup' OR state <> 'idle')"
        )
        state = cursor.fetchone()
    raise AssertionError(
        f"the replica did not replay up to {written} within 30 s: received, replayed, paused,"
        f" activity = {state}"
    )


def _article_url(slug: str) -> str:
    with translation.override("en"):
        return reverse("rights:article", kwargs={"slug": slug})


def _reads_on(connection: Any, client: Client, url: str) -> tuple[int, int, str]:
    """Status, the page's own queries on the connection (not the lag check), and the page."""
    with CaptureQueriesContext(connection) as seen:
        response = client.get(url)
    reads = [q for q in seen.captured_queries if "pg_last_wal_replay_lsn" not in q["sql"]]
    return response.status_code, len(reads), response.content.decode()


@on_real_replica
def test_an_anonymous_public_page_reads_from_the_replica(real_replica: Any) -> None:
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True, "JUNTOS_DATABASE_REPLICA_URL is not a standby"
    published_article(slug="replicated", texts=texts_with(en={"title": "Read from the copy"}))
    _replayed(real_replica, "replicated")
    status, replica_queries, page = _reads_on(real_replica, Client(), _article_url("replicated"))
    assert status == 200 and "Read from the copy" in page
    assert replica_queries > 0


@on_real_replica
def test_signed_in_people_and_recent_writers_stay_on_the_primary(real_replica: Any) -> None:
    from juntos.testing.personas import make_personas

    published_article(slug="fresh")
    _replayed(real_replica, "fresh")
    signed_in = logged_in_client(make_personas().rosa)
    assert _reads_on(real_replica, signed_in, _article_url("fresh"))[:2] == (200, 0)

    visitor = Client()
    assert _reads_on(real_replica, visitor, _article_url("fresh"))[1] > 0
    visitor.post("/i18n/setlang/", {"language": "es", "next": "/"})  # any write
    assert replica.STICKY_COOKIE in visitor.cookies
    assert _reads_on(real_replica, visitor, _article_url("fresh"))[:2] == (200, 0)
    # The reports flow is anonymous but private: never from the replica.
    with translation.override("en"):
        intake = reverse("reports:intake")
    assert _reads_on(real_replica, Client(), intake)[1] == 0


@on_real_replica
def test_a_replica_behind_or_down_sends_public_reads_to_the_primary(real_replica: Any) -> None:
    published_article(slug="before")
    _replayed(real_replica, "before")
    with real_replica.cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    try:
        published_article(slug="while-paused", texts=texts_with(en={"title": "Only on primary"}))
        for _ in range(200):  # the standby has received what it does not replay
            replica._lag.forget()
            if replica.measure_lag() > 0:
                break
            time.sleep(0.05)
        with override_settings(JUNTOS_REPLICA_MAX_LAG_SECONDS=0):
            replica._lag.forget()
            url = _article_url("while-paused")
            status, on_replica, page = _reads_on(real_replica, Client(), url)
        assert (status, on_replica) == (200, 0) and "Only on primary" in page
    finally:
        with real_replica.cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")

    real_replica.close()
    real_replica.settings_dict = {**real_replica.settings_dict, "PORT": "1"}  # nothing listens
    replica._lag.forget()
    status, _, page = _reads_on(connections["default"], Client(), _article_url("before"))
    assert status == 200
    assert replica.replica_lag() == float("inf")
