"""Fixtures shared by every test: the personas and clients logged in as each of them."""

from __future__ import annotations

import pytest
from django.test import Client

from juntos.core import tally
from juntos.core.memory import forget_everything
from juntos.testing.personas import Personas, logged_in_client, make_personas


@pytest.fixture(autouse=True)
def nothing_remembered_from_another_test(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has its own database: no process memory (juntos/core/memory.py) carries over,
    and tallied facts (juntos/core/tally.py) are written at once, so tests read the ledger."""
    forget_everything()
    monkeypatch.setattr(tally, "FLUSH_SECONDS", 0.0)


@pytest.fixture
def personas(db: None) -> Personas:
    """rosa, amina, ben, carl, rita, ines, dana and admin, with their organisations."""
    return make_personas()


@pytest.fixture
def client_as(personas: Personas):
    """client_as("amina") -> a Client logged in as amina (second factor passed)."""

    def make(key: str) -> Client:
        return logged_in_client(getattr(personas, key))

    return make
