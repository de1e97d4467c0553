"""REDIS_URL (README, .env.example) gives every server one shared cache in Redis."""

from __future__ import annotations

import runpy
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings

import juntos

SETTINGS = Path(juntos.__file__).parent / "settings.py"


def test_redis_url_selects_djangos_redis_cache(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6390/0")
    default = runpy.run_path(str(SETTINGS))["CACHES"]["default"]
    assert default == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6390/0",
    }
    monkeypatch.delenv("REDIS_URL")
    assert runpy.run_path(str(SETTINGS))["CACHES"]["default"]["BACKEND"].endswith("DatabaseCache")


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A real redis-server on a free port (Debian's package: scripts/setup-system --redis)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed: scripts/setup-system --redis")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_shared_cache_works_against_a_real_redis(redis_url):
    config = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    with override_settings(CACHES={"default": config}):
        cache = caches.create_connection("default")
        cache.set("juntos:test", {"articles": [1, 2]}, timeout=30)
        assert cache.get("juntos:test") == {"articles": [1, 2]}
        assert cache.add("juntos:test", "other") is False  # one server's value is everyone's
        other = caches.create_connection("default")  # another process would see the same
        assert other.get("juntos:test") == {"articles": [1, 2]}
        other.delete("juntos:test")
        assert cache.get("juntos:test") is None
