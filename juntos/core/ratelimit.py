"""Throttles: counters that nothing evicts, under keyed-hash keys.

The raw key (an address, an account, a code) is never stored: only an HMAC of it, which the
database cannot reverse without the hash key kept in the environment. The counters live in the
`Throttle` table by default, so that no number of other keys can push a live counter out (a
cache culls, and an attacker could fill it to wipe the counts). With several servers, Redis can
keep them instead (`RedisThrottleStore`, named in `settings.JUNTOS_THROTTLE_STORE`), on a Redis
that never evicts (`maxmemory-policy noeviction`: the system check refuses any other policy).

Windows are fixed from the first hit, and their end is rounded up to the minute, so a row dates
nothing more precisely than that. Count a refusal outside the transaction that the refusal rolls
back (the database store writes in the caller's transaction).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Protocol

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from juntos.core.crypto import keyed_hash
from juntos.core.models import Throttle


class ThrottleStore(Protocol):
    """What a place that keeps throttle counters must do; keys arrive already hashed."""

    def hit(self, key: str, *, window_seconds: int) -> int: ...

    def count(self, key: str) -> int: ...

    def reset(self, key: str) -> None: ...

    def purge_expired(self) -> int: ...


def _window_end(now: dt.datetime, window_seconds: int) -> dt.datetime:
    end = now.timestamp() + window_seconds
    return dt.datetime.fromtimestamp(math.ceil(end / 60) * 60, tz=dt.UTC)


class DatabaseThrottleStore:
    """Counters in the `Throttle` table; works alike on SQLite and PostgreSQL.

    An increment is one conditional UPDATE, so concurrent hits never lose a count: on PostgreSQL
    the row lock makes a second UPDATE re-check its condition, on SQLite writes are serialised.
    """

    def hit(self, key: str, *, window_seconds: int) -> int:
        now = timezone.now()
        rows = Throttle.objects.filter(key=key)
        with transaction.atomic():
            if rows.filter(expires_at__gt=now).update(count=F("count") + 1):
                return int(rows.values_list("count", flat=True).get())
            expires_at = _window_end(now, window_seconds)
            if rows.filter(expires_at__lte=now).update(count=1, expires_at=expires_at):
                return 1
            try:
                with transaction.atomic():
                    Throttle.objects.create(key=key, count=1, expires_at=expires_at)
                return 1
            except IntegrityError:  # another process counted the first hit meanwhile
                rows.update(count=F("count") + 1)
                return int(rows.values_list("count", flat=True).get())

    def count(self, key: str) -> int:
        found = (
            Throttle.objects.filter(key=key, expires_at__gt=timezone.now())
            .values_list("count", flat=True)
            .first()
        )
        return int(found or 0)

    def reset(self, key: str) -> None:
        Throttle.objects.filter(key=key).delete()

    def purge_expired(self) -> int:
        deleted, _ = Throttle.objects.filter(expires_at__lte=timezone.now()).delete()
        return deleted


# One atomic step on the Redis server: count the hit, and give the window its end on the first.
_REDIS_HIT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIREAT', KEYS[1], ARGV[1]) end
return n
"""
REDIS_PREFIX = "juntos:throttle:"


class RedisThrottleStore:
    """Counters in Redis (`JUNTOS_THROTTLE_REDIS_URL`, else `REDIS_URL`), for many servers.

    A hit is one server-side script (INCR, then EXPIREAT on the first hit), so concurrent hits
    from any number of processes never lose a count; Redis removes a window when it ends.
    """

    def __init__(self) -> None:
        import redis

        self.client = redis.Redis.from_url(settings.JUNTOS_THROTTLE_REDIS_URL)
        self._hit = self.client.register_script(_REDIS_HIT)

    def hit(self, key: str, *, window_seconds: int) -> int:
        end = _window_end(timezone.now(), window_seconds)
        return int(self._hit(keys=[REDIS_PREFIX + key], args=[int(end.timestamp())]))

    def count(self, key: str) -> int:
        found = self.client.get(REDIS_PREFIX + key)
        return int(found or 0)

    def reset(self, key: str) -> None:
        self.client.delete(REDIS_PREFIX + key)

    def purge_expired(self) -> int:
        return 0  # Redis removes each counter when its window ends


def throttle_store() -> ThrottleStore:
    """The configured store (the database table unless settings name another)."""
    store: ThrottleStore = import_string(settings.JUNTOS_THROTTLE_STORE)()
    return store


def _key(scope: str, key: str) -> str:
    return f"{scope}:{keyed_hash('ratelimit:' + scope, key)[:40]}"


def rate_count(scope: str, key: str) -> int:
    """How many hits the key has in the current window."""
    return throttle_store().count(_key(scope, key))


def rate_hit(scope: str, key: str, *, window_seconds: int) -> int:
    """Count one hit and return the new total for the window."""
    return throttle_store().hit(_key(scope, key), window_seconds=window_seconds)


def rate_limited(scope: str, key: str, *, limit: int) -> bool:
    """True when the key has reached its limit in the current window."""
    return rate_count(scope, key) >= limit


def rate_reset(scope: str, key: str) -> None:
    """Forget the key's hits (after a success)."""
    throttle_store().reset(_key(scope, key))


def rate_purge_expired() -> int:
    """Delete the counters whose window has ended; returns how many."""
    return throttle_store().purge_expired()
