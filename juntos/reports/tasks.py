"""Background work of the reports app."""

from __future__ import annotations

from django_tasks import task

from juntos.reports.services import reports_purge


@task()
def purge_expired_reports() -> dict[str, int]:
    """Daily: purge unanswered reports and closed cases past their retention periods."""
    return reports_purge()
