"""Pull every approved peer's feeds now (what the periodic job `federation.sync-peers` does)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from juntos.federation import selectors, services


class Command(BaseCommand):
    help = "Refresh this instance's outbox, then pull each approved peer's signed feeds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--peer", help="only the peer with this address")

    def handle(self, *args: Any, **options: Any) -> None:
        services.outbox_refresh()
        peers = selectors.approved_peers()
        if options["peer"]:
            peers = peers.filter(base_url=options["peer"].rstrip("/"))
        for peer in peers:
            result = services.peer_sync(actor=None, peer=peer)
            if result.refused:
                outcome = f"refused ({result.refused}); nothing stored from that answer"
            elif result.unreachable:
                outcome = "did not answer"
            else:
                outcome = f"{result.stored} stored, {result.withdrawn} withdrawn"
            self.stdout.write(f"{peer.name}: {outcome}")
