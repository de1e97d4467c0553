"""Who may use what in the channels app."""

from __future__ import annotations

from juntos.accounts.actors import Actor
from juntos.core.policies import can_read_outbox


def can_use_simulator(user: Actor) -> bool:
    """Platform operators only: the simulator's replies land in the outbox, which they read."""
    return can_read_outbox(user)
