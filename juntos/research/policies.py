"""Who may do what with research projects: plain functions, tested from both sides."""

from __future__ import annotations

from juntos.accounts.actors import Actor
from juntos.network.policies import is_coordinator


def can_run_research(actor: Actor) -> bool:
    """The network's coordinator approves projects, requests extracts and issues links."""
    return is_coordinator(actor)
