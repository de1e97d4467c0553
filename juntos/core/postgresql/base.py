"""Django's PostgreSQL backend, whose per-request health check asks the server only when the
server has said something.

With `conn_health_checks`, Django sends `SELECT 1` before the first query of every request on
a kept connection, so a connection the server closed is replaced instead of failing the
request. That is a round trip per request on every page. A server that ends a connection
(a restart, `pg_terminate_backend`, an idle timeout, a pooler closing it) tells the client
first, or at least closes the socket, so the socket of an idle connection it ended has
something to read. Here the check looks at the socket without waiting: nothing to read, and
libpq still calls the connection idle and unbroken, means it is as the last query left it;
anything to read, and Django's `SELECT 1` decides. After an error Django's full check runs as
before (`close_if_unusable_or_obsolete`), and a pool's connections are not checked, as in
Django.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus

_QUIET = (TransactionStatus.IDLE, TransactionStatus.INTRANS)


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self) -> None:
        # Django's attributes, which django-stubs does not declare.
        state = vars(self)
        if (
            getattr(self, "pool", None)
            or self.connection is None
            or not state.get("health_check_enabled")
            or state.get("health_check_done")
        ):
            return
        if not (self._untouched() or self.is_usable()):
            self.close()
        state["health_check_done"] = True

    def _untouched(self) -> bool:
        """True when nothing came from the server since the last query finished."""
        psycopg = self.connection
        if psycopg.closed or psycopg.broken or psycopg.info.transaction_status not in _QUIET:
            return False
        try:
            readable, _, _ = select.select([psycopg.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable
