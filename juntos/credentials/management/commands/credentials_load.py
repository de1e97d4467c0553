"""Load the curated frameworks, standards and equivalences shipped in juntos/credentials/data."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from juntos.credentials.datafiles import DATA_DIR
from juntos.credentials.services import frameworks_load


class Command(BaseCommand):
    help = "Check every data file, then load them (running it twice changes nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", type=Path, default=DATA_DIR, help="Folder of .toml files.")

    def handle(self, *args: object, **options: object) -> None:
        try:
            result = frameworks_load(actor=None, directory=options["data"])  # type: ignore[arg-type]
        except ValidationError as error:
            raise CommandError("Nothing was loaded:\n  " + "\n  ".join(error.messages)) from error
        self.stdout.write(
            f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}"
        )
