"""`{{ list|at:index }}`: the item at a position of a list, for published poll counts."""

from __future__ import annotations

from collections.abc import Sequence

from django import template

register = template.Library()


@register.filter
def at(items: Sequence[object], index: int) -> object | None:
    """The item at `index`, or None when there is none (a count is JSON, not a model)."""
    try:
        return items[int(index)]
    except (IndexError, TypeError, ValueError):
        return None
