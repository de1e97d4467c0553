"""Background tasks of accounts."""

from __future__ import annotations

from django_tasks import task

from juntos.accounts.codes import account_codes_purge


@task()
def purge_account_codes() -> dict[str, int]:
    """Daily: expired codes, and sign-ups never finished within a day."""
    return account_codes_purge()
