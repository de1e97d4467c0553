"""Background work of the network: sending the plenary digest.

The task is defined beside the service it runs (`services/digest.py`), which also queues it, so
that the services and this module do not import each other.
"""

from __future__ import annotations

from juntos.network.services.digest import send_plenary_digest

__all__ = ["send_plenary_digest"]
