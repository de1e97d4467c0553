"""Applies to every test, the apps' and the quality harness's: each starts in English with an
empty cache and nothing remembered.

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


@pytest.fixture(autouse=True)
def nothing_remembered_from_another_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has its own database: no process memory (juntos/core/memory.py) carries over,
    and tallied facts (juntos/core/tally.py) are written at once, so tests read the ledger.

    On PostgreSQL a rolled-back test's ids are not given again, so a memory left by one test
    (the organisations a worker may grant) names rows the next test does not have."""
    from juntos.core import tally
    from juntos.core.memory import forget_everything

    forget_everything()
    monkeypatch.setattr(tally, "FLUSH_SECONDS", 0.0)
