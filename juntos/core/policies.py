"""Who may use the core's own pages."""

from __future__ import annotations

from juntos.accounts.actors import Actor


def can_read_outbox(user: Actor) -> bool:
    """Only platform operators read the development outbox: it holds people's addresses."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_staff))
