"""Send the weekly alert digests that are due (run daily, e.g. from cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from juntos.rights.services import digests_send


class Command(BaseCommand):
    help = "Send each weekly subscriber their digest of changes, when a week has passed."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"rights: {digests_send()} digests sent")
