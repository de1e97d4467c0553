"""Background work of federation: publish what changed, pull the peers' feeds, forget nonces."""

from __future__ import annotations

from django_tasks import task

from juntos.federation import selectors, services

__all__ = ["forget_signatures", "refresh_outbox", "sync_peers"]


@task()
def refresh_outbox() -> dict[str, int]:
    """Every few minutes: append an activity for each published object that changed."""
    return services.outbox_refresh()


@task()
def sync_peers() -> dict[str, int]:
    """Every few minutes: pull each approved peer's feeds from its last cursor."""
    stored = {}
    for peer in selectors.approved_peers():
        stored[peer.name] = services.peer_sync(actor=None, peer=peer).stored
    return stored


@task()
def forget_signatures() -> int:
    """Hourly: drop the nonces too old to be replayed (their signatures are refused anyway)."""
    return services.signatures_forget()
