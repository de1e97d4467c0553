"""With several servers, throttle counters can live in Redis: counted atomically by every
process, ended with their window, and never on a Redis that could evict them."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from django.core.checks import Error

from juntos.core import ratelimit
from juntos.core.checks import throttles_are_never_evicted
from juntos.testing.redis import redis_server

STORE = "juntos.core.ratelimit.RedisThrottleStore"


@pytest.fixture
def redis_store(settings) -> Iterator[ratelimit.RedisThrottleStore]:
    with redis_server() as url:
        settings.JUNTOS_THROTTLE_STORE = STORE
        settings.JUNTOS_THROTTLE_REDIS_URL = url
        yield ratelimit.RedisThrottleStore()


def test_hits_count_reset_and_store_no_raw_key(redis_store):
    for expected in (1, 2, 3):
        assert ratelimit.rate_hit("login", "rosa@example.org", window_seconds=60) == expected
    assert ratelimit.rate_limited("login", "rosa@example.org", limit=3)
    assert not ratelimit.rate_limited("login", "amina@example.org", limit=3)
    keys = [k.decode() for k in redis_store.client.keys("*")]
    assert len(keys) == 1 and "rosa" not in keys[0] and keys[0].startswith("juntos:throttle:")
    assert 0 < redis_store.client.ttl(keys[0]) <= 120  # the window, rounded up to the minute
    ratelimit.rate_reset("login", "rosa@example.org")
    assert ratelimit.rate_count("login", "rosa@example.org") == 0


def test_concurrent_hits_lose_no_count(redis_store):
    def hammer() -> None:
        store = ratelimit.RedisThrottleStore()  # one client per thread, as per process
        for _ in range(50):
            store.hit("code:abc", window_seconds=60)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert redis_store.count("code:abc") == 400


def test_the_check_refuses_a_redis_that_evicts(settings):
    settings.JUNTOS_THROTTLE_STORE = STORE
    with redis_server(maxmemory_policy="allkeys-lru") as url:
        settings.JUNTOS_THROTTLE_REDIS_URL = url
        [problem] = throttles_are_never_evicted()
        assert isinstance(problem, Error) and "allkeys-lru" in problem.msg
    with redis_server() as url:
        settings.JUNTOS_THROTTLE_REDIS_URL = url
        assert throttles_are_never_evicted() == []
    settings.JUNTOS_THROTTLE_REDIS_URL = ""
    assert throttles_are_never_evicted()[0].id == "juntos.E001"
