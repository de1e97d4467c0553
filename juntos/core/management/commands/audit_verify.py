import json
from argparse import ArgumentParser
from pathlib import Path
from urllib.request import urlopen

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from juntos.core.dbtriggers import TRIGGERS, triggers_present
from juntos.core.services import audit_seal_chain, audit_verify


class Command(BaseCommand):
    help = (
        "Verify the audit log's keyed chain against its signed checkpoints (and a mirror's, "
        "with --checkpoints) and name the first broken entry, the missing tail, or the "
        "waiting anonymous entries that vanished."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--checkpoints",
            help="a mirrored copy of /audit/checkpoints.json: a file path or an https:// URL",
        )
        parser.add_argument(
            "--no-seal", action="store_true", help="do not chain waiting entries first"
        )

    def handle(self, *args: object, **options: object) -> None:
        if not options["no_seal"]:
            audit_seal_chain()
        published = _published(str(options["checkpoints"] or ""))
        broken = audit_verify(published=published)
        if broken is not None:
            where = f"at entry #{broken.sequence}" if broken.sequence else "in its anonymous queue"
            raise CommandError(f"audit chain broken {where}: {broken.reason}")
        missing = set(TRIGGERS) - triggers_present(connection)
        if missing:
            self.stderr.write(
                f"warning: append-only triggers missing: {', '.join(sorted(missing))}"
            )
        self.stdout.write(self.style.SUCCESS("audit chain intact"))


def _published(source: str) -> list[dict[str, str]]:
    if not source:
        return []
    if source.startswith("https://") or source.startswith("http://"):
        with urlopen(source, timeout=30) as response:  # noqa: S310 (an operator's own mirror)
            feed = json.load(response)
    else:
        feed = json.loads(Path(source).read_text(encoding="utf-8"))
    return list(feed.get("checkpoints", []))
