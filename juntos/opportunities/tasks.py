"""Periodic jobs of the opportunities app (see JUNTOS_PERIODIC_TASKS)."""

from __future__ import annotations

from django_tasks import task

from juntos.opportunities import services


@task()
def offer_not_named_back() -> int:
    """After the naming deadline, offer un-named workers with a good season their options."""
    return services.not_named_back_offer()


@task()
def send_follow_up_reminders() -> int:
    """Remind caseworkers of referral follow-ups due at 3, 6 and 12 months."""
    return services.follow_up_reminders_send()
