"""Background work of the network: sending the plenary digest."""

from __future__ import annotations

from django_tasks import task

from juntos.network.services.digest import digest_deliver


@task()
def send_plenary_digest(*, meeting_id: int) -> int:
    """After a plenary: one digest per member, in her language, on her channel."""
    return digest_deliver(meeting_id=meeting_id)
