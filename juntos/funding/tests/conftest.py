"""Fixtures of the funding tests: a larger partner non-profit with its own staff."""

from __future__ import annotations

from typing import Any

import pytest

from juntos.funding.tests.factories import organisation_with_staff


@pytest.fixture
def partner(personas: Any) -> Any:
    """Pacific Migrant Services, a larger non-profit, with one caseworker (Pat)."""
    return organisation_with_staff(
        "pacific-migrant-services", "Pacific Migrant Services", "pat@pacificmigrant.example.org"
    )
