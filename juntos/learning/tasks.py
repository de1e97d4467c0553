"""Background work of the learning app."""

from __future__ import annotations

from django_tasks import task

from juntos.learning import services

__all__ = ["send_session_reminders"]


@task()
def send_session_reminders() -> int:
    """Daily: remind the people enrolled that their session starts within two days."""
    return services.session_reminders_send()
