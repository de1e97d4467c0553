"""Load the compliance rules data file. Running it twice changes nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from juntos.compliance.loader import RULES_FILE
from juntos.compliance.services import rules_load


class Command(BaseCommand):
    help = "Load the compliance rules (new versions only; existing versions are left as they are)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(RULES_FILE), help="A rules file in TOML.")

    def handle(self, *args: object, **options: object) -> None:
        created = rules_load(path=Path(str(options["file"])))
        self.stdout.write(f"{created} new rule versions loaded.")
