"""Background work of the reports app."""

from __future__ import annotations

from django_tasks import task

from juntos.reports.services import case_summaries_send, held_files_purge, reports_purge


@task()
def purge_expired_reports() -> dict[str, int]:
    """Daily: purge unanswered reports and closed cases past their retention periods."""
    return reports_purge()


@task()
def purge_held_files() -> int:
    """Hourly: forget files held for an intake page that was never sent (1-2 hours' life)."""
    return held_files_purge()


@task()
def send_case_summaries() -> int:
    """Daily: each caseworker's cases due and cases where the worker waits for a reply."""
    return case_summaries_send()
