"""Verify a credential file; with --offline, using only the saved keys and status lists."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from juntos.credentials import documents, selectors
from juntos.credentials.offline import CachedSources, cache_save
from juntos.credentials.services import issuer_key_current
from juntos.credentials.signing import private_key
from juntos.credentials.verification import VALID, verify_token

DEFAULT_CACHE = Path(settings.BASE_DIR) / "var" / "credentials-cache"


class Command(BaseCommand):
    help = "Check a credential (VC-JWT or JSON file). Exit status 0 only when it is valid."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path)
        parser.add_argument("--offline", action="store_true", help="Use only the saved cache.")
        parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
        parser.add_argument("--refresh", action="store_true", help="Save keys and lists first.")
        parser.add_argument("--language", default="en")

    def handle(self, *args: object, **options: object) -> None:
        folder: Path = options["cache"]  # type: ignore[assignment]
        with translation.override(str(options["language"])):
            if options["refresh"]:
                self._refresh(folder)
            path = options["file"]
            if path is None:
                return
            if not isinstance(path, Path) or not path.is_file():
                raise CommandError(_("No such file."))
            raw = path.read_bytes()[: 10 * 1024 * 1024]
            if options["offline"]:
                sources = CachedSources(folder)
                self._ages(sources)
            else:
                sources = selectors.SiteSources()  # type: ignore[assignment]
            outcome = verify_token(raw, sources, timezone.now())
            self.stdout.write(
                f"{outcome.label}" + (f": {outcome.reason_text}" if outcome.reason else "")
            )
            if outcome.state != VALID:
                raise SystemExit(1)

    def _refresh(self, folder: Path) -> None:
        key = issuer_key_current()
        lists: dict[str, str] = {}
        now = timezone.now()
        for row in selectors.status_lists():
            for purpose in ("revocation", "suspension"):
                document = documents.status_list_document(
                    row.number, purpose, row.size, selectors.set_indexes(row.pk, purpose), now
                )
                lists[document["id"]] = documents.sign_status_list(
                    document, private_key(key), key.kid
                )
        cache_save(folder, documents.jwks(selectors.issuer_keys()), lists, now)
        self.stdout.write(_("Saved the keys and %(count)s status lists.") % {"count": len(lists)})

    def _ages(self, sources: CachedSources) -> None:
        now = timezone.now()
        for name in sorted(sources.index):
            saved = sources.saved_at(name)
            if saved is not None:
                self.stdout.write(
                    _("%(name)s saved %(age)s ago") % {"name": name, "age": timesince(saved, now)}
                )
        if not sources.index:
            self.stdout.write(_("Nothing is saved yet: run with --refresh while online."))
