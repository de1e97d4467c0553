"""What the federation services share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


def refuse_unless(allowed: bool) -> None:
    """Raise PermissionDenied when a policy said no."""
    if not allowed:
        raise PermissionDenied
