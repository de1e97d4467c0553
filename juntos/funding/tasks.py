"""Background work of the funding program."""

from __future__ import annotations

from django_tasks import task

from juntos.funding import services

__all__ = ["send_report_reminders"]


@task()
def send_report_reminders() -> int:
    """Daily: remind grantees 14 and 3 days before a report is due, each in her language."""
    return services.report_reminders_send()
