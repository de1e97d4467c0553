"""Fixtures for the top-level quality harness: the same personas as the app tests."""

import pytest

from juntos.conftest import client_as, personas

__all__ = ["client_as", "personas"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "real_referrer_policy: serve the site's own Referrer-Policy to the browser"
    )
