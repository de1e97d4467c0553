"""Re-wrap every report key under the newest version of JUNTOS_ENCRYPTION_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from juntos.reports.services import report_keys_rewrap


class Command(BaseCommand):
    help = (
        "After adding a new key version to JUNTOS_ENCRYPTION_KEYS, re-wrap all report keys with it."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = report_keys_rewrap()
        self.stdout.write(f"{changed} report keys re-wrapped.")
