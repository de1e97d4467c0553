"""What keeps reviewers anonymous: a keyed reviewer hash and the publication threshold."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from juntos.core.crypto import keyed_hash


def publication_threshold() -> int:
    """How many independent workers must have an approved review of a site before any shows."""
    return int(settings.JUNTOS_REVIEW_PUBLICATION_THRESHOLD)


def reviewer_key_for(user: Any) -> str:
    """A stable, unguessable stand-in for the account: equal for the same worker, nothing more."""
    return keyed_hash("registry:reviewer", str(user.pk))
