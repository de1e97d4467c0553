"""Applies to every test: each starts in English with an empty cache.

A request through the test client leaves its language active in the thread, and cached values
(the routing memory, article versions) would otherwise leak into the next test. Throttle
counters live in the database, which each test rolls back.
"""

import pytest
from django.core.cache import caches
from django.utils import translation


@pytest.fixture(autouse=True)
def _fresh_language_and_cache() -> None:
    for alias in ("default", "local"):
        caches[alias].clear()
    translation.activate("en")
