"""Who may read the ledger: the ledger holds no people, so its suppressed tables are public."""

from __future__ import annotations

from typing import Any


def can_read_unsuppressed_facts(user: Any) -> bool:
    """Exact small counts are for platform operators only (for checking the ledger)."""
    return bool(user.is_authenticated and user.is_superuser)
