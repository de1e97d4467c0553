"""Coarse counts added up in the process and written to the ledger in one go.

Busy read-only paths (a check of a pay slip, an inbound SMS answered) would otherwise write a
fact on every request and wait for the database's write lock behind every other request; the
counts are monthly anyway, so each process adds them up and writes them at most every
`FLUSH_SECONDS`, in one transaction, by the request that finds the tally old enough (and when
the process exits). A crash loses at most those seconds of counts, which monitoring can bear;
and no row's time lines up with a person's request.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections import Counter
from typing import cast

from django.db import transaction

from juntos.core.services import FactDimensions, fact_record

logger = logging.getLogger(__name__)
FLUSH_SECONDS = 5.0

# (kind, dimensions as sorted items) -> count
FactKey = tuple[str, tuple[tuple[str, str], ...]]
_pending: Counter[FactKey] = Counter()
_lock = threading.Lock()
_last_flush = time.monotonic()


def tally_fact(*, kind: str, **dimensions: str) -> None:
    """Count one fact; write the tally when it is old enough."""
    with _lock:
        _pending[(kind, tuple(sorted(dimensions.items())))] += 1
    if time.monotonic() - _last_flush >= FLUSH_SECONDS:
        flush()


def flush() -> None:
    """Write every pending count to the ledger in one transaction."""
    global _last_flush
    with _lock:
        pending = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not pending:
        return
    with transaction.atomic():
        for (kind, dimensions), count in sorted(pending.items()):
            fact_record(kind=kind, count=count, **cast(FactDimensions, dict(dimensions)))


def _flush_at_exit() -> None:
    try:
        flush()
    except Exception:  # the process is ending: say so, never fail its exit
        logger.exception("tallied facts could not be written at exit")


atexit.register(_flush_at_exit)
