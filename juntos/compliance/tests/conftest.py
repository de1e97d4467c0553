from __future__ import annotations

import pytest

from juntos.compliance import tally
from juntos.compliance.selectors import forget_rules
from juntos.compliance.services import rules_load


@pytest.fixture(autouse=True)
def facts_written_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read the ledger right after a check: write each tally at once."""
    monkeypatch.setattr(tally, "FLUSH_SECONDS", 0.0)
    forget_rules()  # each test has its own database: no rules remembered from another


@pytest.fixture
def rules(db: None) -> int:
    """The rules of the data file, loaded as seed_demo loads them."""
    return rules_load()
