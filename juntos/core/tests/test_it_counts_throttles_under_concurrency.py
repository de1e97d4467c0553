"""Hits arriving at the same moment from many processes are all counted, and the first hit of
a window is created once (a conditional UPDATE, then an INSERT that one of them wins)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from juntos.core.models import Throttle
from juntos.core.ratelimit import rate_count, rate_hit

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # As in learning's concurrency test: the in-memory SQLite test database fails its locks at
    # once instead of waiting; CI runs this on PostgreSQL.
    pytest.mark.skipif(
        connection.vendor == "sqlite", reason="needs a database that waits for row locks"
    ),
]


def test_simultaneous_hits_on_one_key_are_all_counted():
    errors: list[Exception] = []
    start = threading.Barrier(8)

    def hit_many() -> None:
        try:
            start.wait()
            for _ in range(25):
                rate_hit("login-account", "rosa|203.0.113.5", window_seconds=900)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=hit_many) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert rate_count("login-account", "rosa|203.0.113.5") == 200
    assert Throttle.objects.count() == 1
