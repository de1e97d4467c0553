"""Rate limits kept in the shared cache under short-lived, keyed-hash keys.

The raw key (an address, a code, an account) never reaches the cache: only an HMAC of it,
which expires with the window. Nothing here outlives the window it counts.
"""

from __future__ import annotations

from django.core.cache import cache

from juntos.core.crypto import keyed_hash


def _cache_key(scope: str, key: str) -> str:
    return f"rl:{scope}:{keyed_hash('ratelimit:' + scope, key)[:32]}"


def rate_count(scope: str, key: str) -> int:
    """How many hits the key has in the current window."""
    return int(cache.get(_cache_key(scope, key), 0))


def rate_hit(scope: str, key: str, *, window_seconds: int) -> int:
    """Count one hit and return the new total for the window."""
    cache_key = _cache_key(scope, key)
    if cache.add(cache_key, 1, timeout=window_seconds):
        return 1
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window_seconds)
        return 1


def rate_limited(scope: str, key: str, *, limit: int) -> bool:
    """True when the key has reached its limit in the current window."""
    return rate_count(scope, key) >= limit


def rate_reset(scope: str, key: str) -> None:
    cache.delete(_cache_key(scope, key))
