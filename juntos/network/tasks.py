"""Background work of the network: the plenary digest and the notices of votes.

Each task is defined beside the service it runs (`services/digest.py`, `services/notices.py`),
which also queues it, so that the services and this module do not import each other.
"""

from __future__ import annotations

from juntos.network.services.digest import send_plenary_digest
from juntos.network.services.notices import send_vote_notices, send_vote_reminders
from juntos.network.services.votes import close_votes_past_deadline

__all__ = [
    "close_votes_past_deadline",
    "send_plenary_digest",
    "send_vote_notices",
    "send_vote_reminders",
]
