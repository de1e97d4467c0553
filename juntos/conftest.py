"""Fixtures shared by every test: the personas and clients logged in as each of them."""

from __future__ import annotations

import pytest
from django.test import Client

from juntos.testing.personas import Personas, logged_in_client, make_personas


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
