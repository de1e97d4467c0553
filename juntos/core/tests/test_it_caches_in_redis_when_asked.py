"""REDIS_URL (README, .env.example) gives every server one shared cache in Redis."""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings

import juntos
from juntos.testing.redis import redis_server

SETTINGS = Path(juntos.__file__).parent / "settings.py"


def test_redis_url_selects_django_redis(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6390/0")
    default = runpy.run_path(str(SETTINGS))["CACHES"]["default"]
    assert default == {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:6390/0",
    }
    monkeypatch.delenv("REDIS_URL")
    assert runpy.run_path(str(SETTINGS))["CACHES"]["default"]["BACKEND"].endswith("DatabaseCache")


@pytest.fixture
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


def test_the_shared_cache_works_against_a_real_redis(redis_url):
    config = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}
    with override_settings(CACHES={"default": config}):
        cache = caches.create_connection("default")
        cache.set("juntos:test", {"articles": [1, 2]}, timeout=30)
        assert cache.get("juntos:test") == {"articles": [1, 2]}
        assert cache.add("juntos:test", "other") is False  # one server's value is everyone's
        other = caches.create_connection("default")  # another process would see the same
        assert other.get("juntos:test") == {"articles": [1, 2]}
        other.delete("juntos:test")
        assert cache.get("juntos:test") is None
