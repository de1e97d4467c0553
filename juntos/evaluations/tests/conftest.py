"""Fixtures of the evaluations tests: lupe the consular liaison, and a client for her."""

from __future__ import annotations

from typing import Any

import pytest

from juntos.evaluations.tests.factories import lupe_of
from juntos.testing.personas import logged_in_client


@pytest.fixture
def lupe(personas: Any) -> Any:
    return lupe_of()


@pytest.fixture
def lupe_client(lupe: Any) -> Any:
    return logged_in_client(lupe)
