from __future__ import annotations

import pytest

from juntos.compliance.services import rules_load


@pytest.fixture
def rules(db: None) -> int:
    """The rules of the data file, loaded as seed_demo loads them."""
    return rules_load()
