"""Publish scheduled versions whose effective date has come (run daily, e.g. from cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from juntos.rights.services import versions_publish_due


class Command(BaseCommand):
    help = "Publish every scheduled rights version whose effective date is today or earlier."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"rights: {versions_publish_due()} versions published")
