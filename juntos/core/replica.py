"""Public reads from a PostgreSQL streaming replica; everything else on the primary.

With `JUNTOS_DATABASE_REPLICA_URL` set, the settings add a `replica` database, this router and
`PublicReadsMiddleware`. A request reads from the replica only when all of these hold:
- it is a GET or HEAD to one of the views in `JUNTOS_REPLICA_VIEWS` (rights pages, registry
  look-ups, dashboards, open data, status lists, the public catalogue);
- the visitor is not signed in (what a signed-in person sees may be her own, so it stays on the
  primary), and did not write in the last `JUNTOS_REPLICA_STICKY_SECONDS` (a short-lived cookie
  keeps her on the primary, so she sees what she just did);
- the replica is within `JUNTOS_REPLICA_MAX_LAG_SECONDS` of the primary (checked at most once a
  second per process; an unreachable replica counts as too far behind);
- no transaction is open on the primary.
Writes, and reads inside a write, always go to the primary. `manage.py replica_status` shows the
lag, and the router logs when it falls back.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

from juntos.core.memory import ShortMemory

REPLICA = "replica"
PRIMARY = "default"
STICKY_COOKIE = "juntos_primary"
# Models read before a view runs, or that carry who someone is: always from the primary.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "otp_totp", "django_tasks_database"})

log = logging.getLogger(__name__)
_public_read: contextvars.ContextVar[bool] = contextvars.ContextVar("public_read", default=False)
_lag: ShortMemory[float] = ShortMemory(seconds=1.0, most=1)
_UNREACHABLE = float("inf")

LAG_SQL = """
    SELECT CASE
        WHEN NOT pg_is_in_recovery() THEN 0
        WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
        ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
    END
"""


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def measure_lag() -> float:
    """Seconds the replica is behind the primary now: 0 when it has replayed all it received;
    infinity when it cannot be reached."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(LAG_SQL)
            return float(cursor.fetchone()[0])
    except DatabaseError:
        log.warning("the replica cannot be reached: public reads go to the primary")
        connections[REPLICA].close()
        return _UNREACHABLE


def replica_lag() -> float:
    """The lag, measured at most once a second per process."""
    known = _lag.get(REPLICA)
    return known if known is not None else _lag.put(REPLICA, measure_lag())


def replica_usable() -> bool:
    lag = replica_lag()
    if lag > settings.JUNTOS_REPLICA_MAX_LAG_SECONDS:
        if lag != _UNREACHABLE:
            log.warning("the replica is %.1f s behind: public reads go to the primary", lag)
        return False
    return True


def reads_from_replica(request: HttpRequest) -> bool:
    """Whether this request's reads may go to the replica (see the module's docstring)."""
    match = request.resolver_match
    return (
        request.method in ("GET", "HEAD")
        and match is not None
        and match.view_name in settings.JUNTOS_REPLICA_VIEWS
        and STICKY_COOKIE not in request.COOKIES
        and not request.user.is_authenticated
        and replica_usable()
    )


class PublicReadsMiddleware:
    """Marks the public reads (after the person is known, on the primary) and keeps whoever
    writes on the primary for a few seconds."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        finally:
            _public_read.set(False)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.JUNTOS_REPLICA_STICKY_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        _public_read.set(reads_from_replica(request))


class ReplicaRouter:
    """Reads marked public go to the replica; all else, and every write, to the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        if (
            _public_read.get()
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and not connections[PRIMARY].in_atomic_block
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True  # one database, two copies

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY
