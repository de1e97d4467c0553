"""Import an official list from CSV: every row is checked first; any bad row stops it all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from juntos.registry.choices import ImportKind
from juntos.registry.imports import parse_date
from juntos.registry.services import ImportRejected, official_list_import

DEFAULT_SOURCES = {
    ImportKind.NONCOMPLIANT: (
        "IRCC, Employers who were found non-compliant, https://www.canada.ca/en/"
        "immigration-refugees-citizenship/services/work-canada/employers-non-compliant.html"
    ),
    ImportKind.RECRUITERS: "Provincial public registry of licensed foreign worker recruiters",
}


class Command(BaseCommand):
    help = (
        "Import the federal list of non-compliant employers or a province's list of licensed "
        "recruiters. Nothing is imported if any row is invalid; each problem is printed with "
        "its line number."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, choices=ImportKind.values)
        parser.add_argument("--province", default="", help="e.g. BC (recruiter lists)")
        parser.add_argument("--source", default="", help="Who published the list, and where.")
        parser.add_argument(
            "--published", default="", help="Date the list was published, YYYY-MM-DD."
        )
        parser.add_argument(
            "--sample",
            action="store_true",
            help="A sample file, not a published list: pages say so in every language.",
        )
        parser.add_argument("file", help="The CSV file (UTF-8).")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        province = (
            options["province"] or ("CA" if kind == ImportKind.NONCOMPLIANT else "")
        ).upper()
        if not province:
            raise CommandError("--province is required for recruiter lists")
        published = parse_date(options["published"]) if options["published"] else None
        if options["published"] and published is None:
            raise CommandError("--published must be a date, YYYY-MM-DD")
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {path}: {error}") from error
        try:
            batch = official_list_import(
                actor=None,
                kind=kind,
                province=province,
                text=text,
                filename=path.name,
                source=options["source"] or DEFAULT_SOURCES[kind],
                source_date=published or timezone.localdate(),
                sample=options["sample"],
            )
        except ImportRejected as rejected:
            for problem in rejected.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(rejected.problems)} problem(s) in {path.name}; nothing was imported"
            ) from None
        self.stdout.write(
            self.style.SUCCESS(f"Imported {batch.row_count} new row(s) from {path.name}")
        )
