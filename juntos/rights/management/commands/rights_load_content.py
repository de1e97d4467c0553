"""Load (or update) the rights library's own articles. Running it twice changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from juntos.rights.services import content_load


class Command(BaseCommand):
    help = "Load the rights articles shipped in juntos/rights/content/ (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        articles, versions = content_load(actor=None)
        self.stdout.write(f"rights: {articles} new articles, {versions} new versions")
