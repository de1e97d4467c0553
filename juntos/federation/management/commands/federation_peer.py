"""Register and approve a peer from the command line (as the staff page does)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from juntos.accounts.selectors import user_by_identifier
from juntos.federation import services


class Command(BaseCommand):
    help = (
        "Register a peer instance with its pinned key and approve it, acting as an administrator."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as", dest="admin", required=True, help="the administrator's login")
        parser.add_argument("--name", required=True)
        parser.add_argument("--url", required=True)
        parser.add_argument("--key-id", required=True)
        parser.add_argument("--public-key", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        admin = user_by_identifier(options["admin"])
        if admin is None or not admin.is_superuser:
            raise CommandError("--as must name an administrator")
        peer = services.peer_register(
            actor=admin,
            name=options["name"],
            base_url=options["url"],
            key_id=options["key_id"],
            public_key=options["public_key"],
        )
        services.peer_set_status(actor=admin, peer=peer, status="approved")
        self.stdout.write(f"{peer.name} ({peer.base_url}) is an approved peer.")
