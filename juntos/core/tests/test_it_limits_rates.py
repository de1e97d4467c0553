from django.core.cache import cache

from juntos.core.ratelimit import rate_count, rate_hit, rate_limited, rate_reset


def test_hits_count_up_to_the_limit_and_reset():
    for expected in range(1, 4):
        assert rate_hit("scope", "key", window_seconds=60) == expected
    assert rate_limited("scope", "key", limit=3)
    assert not rate_limited("scope", "other", limit=3)
    rate_reset("scope", "key")
    assert rate_count("scope", "key") == 0


def test_the_raw_key_never_reaches_the_cache():
    rate_hit("login", "203.0.113.77", window_seconds=60)
    stored = list(cache._cache.keys())  # type: ignore[attr-defined]  # locmem keeps its keys here
    assert stored and not any("203.0.113.77" in key for key in stored)
