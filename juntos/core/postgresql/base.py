"""Django's PostgreSQL backend with two changes: a per-request health check that asks the
server only when the server has said something, and prepared statements for the lookups every
request runs (`prepared_cursor`).

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

Django turns psycopg's prepared statements off, so that poolers in transaction mode work, and
binds parameters on the client. `prepared_cursor` gives a cursor that binds them on the server
and prepares each statement, for the compiled lookups (`juntos.core.compiled`): the session,
the person, her memberships and a busy page's few rows are then parsed and planned once per
connection. Every other query goes as Django sends it. `JUNTOS_DATABASE_PREPARE=0` turns it off.
"""

from __future__ import annotations

import select
import sys
from typing import Any

from django.conf import settings
from django.db.backends.postgresql import base, operations
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg import DataError, adapters
from psycopg.pq import Format, TransactionStatus

_QUIET = (TransactionStatus.IDLE, TransactionStatus.INTRANS)
_TIMESTAMPTZ = adapters.types["timestamptz"].oid


class _PreparingCursor(base.ServerBindingCursor):  # type: ignore[name-defined]
    """Binds its parameters on the server and prepares every statement it runs, so the server
    parses and plans a statement once per connection and then only runs it."""

    def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
        return super().execute(query, params, **{**options, "prepare": True})


class DatabaseOperations(operations.DatabaseOperations):
    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        """A prepared lookup in the query log as any other query: with its values in place."""
        if isinstance(cursor, _PreparingCursor):
            try:
                return str(self.compose_sql(sql, params))
            except DataError:
                return sql
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_connection_params(self) -> dict[str, Any]:
        params: dict[str, Any] = super().get_connection_params()
        if settings.JUNTOS_DATABASE_PREPARE and params.get("prepare_threshold") is None:
            # Django turns psycopg's prepared statements off (None); this lets a cursor that asks
            # prepare its statements. Client-side binding cursors, Django's for every other
            # query, never prepare, and a threshold no count reaches prepares nothing unasked.
            params["prepare_threshold"] = sys.maxsize
        return params

    def prepared_cursor(self) -> Any:
        """A cursor as `cursor()` gives (logged, wrapped, its errors Django's), whose
        statements are prepared on the server: for the few lookups every request runs
        (`juntos.core.compiled`). A plain cursor with `JUNTOS_DATABASE_PREPARE` off, for a
        pooler that does not keep prepared statements."""
        if not settings.JUNTOS_DATABASE_PREPARE:
            return self.cursor()
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            cursor = _PreparingCursor(self.connection)
            # As Django's create_cursor: the cursor reads times in the connection's zone.
            loader = self.connection.adapters.get_loader(_TIMESTAMPTZ, Format.TEXT)
            if self.timezone != loader.timezone:
                register_tzloader(self.timezone, cursor)
            return self._prepare_cursor(cursor)  # type: ignore[attr-defined]

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
