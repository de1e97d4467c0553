"""Background work of the research app."""

from __future__ import annotations

from django_tasks import task

from juntos.research.extracts import extract_build

__all__ = ["build_extract"]


@task()
def build_extract(extract_id: int) -> int:
    """Make one requested extract (two streamed passes); returns the rows released."""
    return extract_build(extract_id=extract_id).rows
