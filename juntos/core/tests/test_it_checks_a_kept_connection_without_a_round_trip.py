"""On PostgreSQL a kept connection is checked at each request without a query while the server
has said nothing, and replaced when the server ended it, so the request still succeeds."""

from __future__ import annotations

import select
import time

import psycopg
import pytest
from django.db import OperationalError, close_old_connections, connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's connections"),
]


def _server() -> psycopg.Connection:
    """A connection of its own to the same server, to look at and end the app's."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    return psycopg.connect(**params, autocommit=True)


def _backend() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def _next_request() -> None:
    """What Django does between two requests on a kept connection."""
    close_old_connections()


@pytest.fixture
def kept(settings):
    """The app's connection, kept between requests with the health check on."""
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 60
    connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    yield
    connection.settings_dict["CONN_MAX_AGE"] = 0
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    connection.close()


def test_a_quiet_connection_is_kept_and_sent_nothing_but_the_page_s_queries(kept):
    pid = _backend()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'the last query of a request'")
    _next_request()
    with connection.cursor():  # the next request's first cursor runs the health check
        pass
    with _server() as server:
        last = server.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        row = last.fetchone()
        assert row is not None
        assert row[0] == "SELECT 'the last query of a request'"  # no SELECT 1
    assert _backend() == pid


def test_a_connection_the_server_ended_is_replaced_before_the_request_uses_it(kept):
    pid = _backend()
    with _server() as server:
        server.execute("SELECT pg_terminate_backend(%s)", [pid])
    # The server tells the client before it closes the socket; wait until that has arrived.
    deadline = time.monotonic() + 5
    while not select.select([connection.connection.fileno()], [], [], 0.05)[0]:
        assert time.monotonic() < deadline, "the server never closed the connection"
    _next_request()
    assert _backend() != pid  # a new connection, and no error for the request


def test_without_the_check_the_same_request_would_fail(kept):
    """The case above is one a kept connection really meets: unchecked, the query fails."""
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    pid = _backend()
    with _server() as server:
        server.execute("SELECT pg_terminate_backend(%s)", [pid])
    time.sleep(0.2)
    _next_request()
    with pytest.raises(OperationalError, match=r"(?i)terminat|closed|connection"):
        _backend()
