"""Demo data of the rights library: its own real articles, loaded through the services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.rights.services import content_load

if TYPE_CHECKING:
    from juntos.accounts.models import User


def seed(people: dict[str, User]) -> None:
    """Load the shipped articles; running it twice changes nothing."""
    content_load(actor=None, notify_subscribers=False)
