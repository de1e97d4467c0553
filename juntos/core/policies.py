"""Who may use the core's own pages."""

from __future__ import annotations

from typing import Protocol


class Visitor(Protocol):
    """Whoever sent a request, as the core sees them (the core sits below the accounts app,
    so it cannot name accounts.actors.Actor; both the account and the anonymous visitor fit)."""

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_staff(self) -> bool: ...

    @property
    def is_superuser(self) -> bool: ...


def can_read_outbox(user: Visitor) -> bool:
    """Only platform operators read the development outbox: it holds people's addresses."""
    return bool(user.is_authenticated and (user.is_superuser or user.is_staff))
