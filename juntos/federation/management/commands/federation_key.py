"""Show this instance's signing key (made on first use), or rotate it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from juntos.federation import services


class Command(BaseCommand):
    help = "Print the Ed25519 key id and public key peers pin; --rotate makes a new one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rotate", action="store_true", help="retire the key, make a new one")

    def handle(self, *args: Any, **options: Any) -> None:
        key = (
            services.instance_key_rotate(actor=None)
            if options["rotate"]
            else services.instance_key_current()
        )
        services.inbox_keys_ensure()
        self.stdout.write(f"key id: {key.key_id}\npublic key: {key.public_key}")
        if options["rotate"]:
            self.stdout.write("Tell every peer's administrator: they must pin the new key.")
