"""Delete alert subscriptions never confirmed within a week (run daily, e.g. from cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from juntos.rights.services import subscriptions_purge_unconfirmed


class Command(BaseCommand):
    help = "Delete subscriptions whose address was never confirmed within 7 days."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"rights: {subscriptions_purge_unconfirmed()} unconfirmed removed")
