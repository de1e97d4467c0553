"""Purge unanswered reports and closed cases past their retention periods."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from juntos.reports.services import reports_purge


class Command(BaseCommand):
    help = "Delete unanswered reports and closed cases older than the retention periods."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = reports_purge()
        self.stdout.write(
            f"Purged {counts['unanswered']} unanswered reports and {counts['closed']} closed cases."
        )
