import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _fresh_state() -> None:
    """Rate-limit counters live in the cache, and a request leaves its language active:
    each test starts with neither."""
    cache.clear()
    translation.activate("en")
