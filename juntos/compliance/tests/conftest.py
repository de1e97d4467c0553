from __future__ import annotations

import pytest

from juntos.compliance.selectors import forget_rules
from juntos.compliance.services import rules_load


@pytest.fixture(autouse=True)
def no_rules_remembered() -> None:
    """Each test has its own database: no rules remembered from another (the ledger's tally is
    written at once for every test: juntos/conftest.py)."""
    forget_rules()  # each test has its own database: no rules remembered from another


@pytest.fixture
def rules(db: None) -> int:
    """The rules of the data file, loaded as seed_demo loads them."""
    return rules_load()
