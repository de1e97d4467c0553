"""Fixtures for the top-level quality harness: the same personas as the app tests."""

from juntos.conftest import client_as, personas

__all__ = ["client_as", "personas"]
