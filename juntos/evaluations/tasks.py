"""Periodic jobs of the evaluations app (see JUNTOS_PERIODIC_TASKS)."""

from __future__ import annotations

from django_tasks import task

from juntos.evaluations import services


@task()
def raise_rehire_not_named() -> int:
    """After the naming deadline, raise each "would rehire" season that was not named back."""
    return services.rehire_not_named_raise()


@task()
def purge_expired_unlocks() -> int:
    """Delete liaison unlocks past their expiry."""
    return services.unlocks_purge_expired()
