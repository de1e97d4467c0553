"""List the rules whose known period has ended or ends soon (run daily)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from juntos.compliance.selectors import rules_running_out


class Command(BaseCommand):
    help = "List the rules whose known period has ended or ends within --days (default 60)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=60)
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: object, **options: object) -> None:
        today = options["today"] or timezone.localdate()
        assert isinstance(today, dt.date)
        days = int(str(options["days"]))
        for rule in rules_running_out(today=today, within_days=days):
            assert rule.known_until is not None
            state = "ended" if rule.known_until < today else "ends"
            self.stdout.write(f"{rule.rule_id}\t{rule.jurisdiction}\t{state} {rule.known_until}")
