"""Let an organisation (an employer's or recruiter's account) speak for a registry entry."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from juntos.accounts.selectors import organisations_by_slug
from juntos.registry import selectors, services


class Command(BaseCommand):
    help = (
        "Link a registry employer or recruiter (by slug) to an organisation (by slug), so its "
        "people see the entry and may answer reviews. --unlink removes the link."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        entry = parser.add_mutually_exclusive_group(required=True)
        entry.add_argument("--employer", help="slug of the registry employer")
        entry.add_argument("--recruiter", help="slug of the registry recruiter")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--organisation", help="slug of the organisation")
        target.add_argument("--unlink", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            entry = (
                selectors.employer_by_slug(options["employer"])
                if options["employer"]
                else selectors.recruiter_by_slug(options["recruiter"])
            )
        except Http404:
            raise CommandError("no registry entry with that slug") from None
        organisation_id = None
        if options["organisation"]:
            found = organisations_by_slug([options["organisation"]])
            if not found:
                raise CommandError("no organisation with that slug")
            organisation_id = found[options["organisation"]].pk
        services.entry_link_organisation(actor=None, entry=entry, organisation_id=organisation_id)
        linked = options["organisation"] or "no organisation"
        self.stdout.write(self.style.SUCCESS(f"{entry} is now linked to {linked}"))
