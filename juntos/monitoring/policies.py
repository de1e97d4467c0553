"""Who may do what with the ledger and the logic model."""

from __future__ import annotations

from juntos.accounts.actors import Actor
from juntos.network.policies import is_coordinator


def can_read_unsuppressed_facts(user: Actor) -> bool:
    """Exact small counts are for platform operators only (for checking the ledger)."""
    return bool(user.is_authenticated and user.is_superuser)


def can_edit_targets(user: Actor) -> bool:
    """The network's coordinators set what the network aims for."""
    return is_coordinator(user)
