"""The daily seal: after a day ends, nothing in the files orders or dates its anonymous rows.

During the day an anonymous row sits where it was written: SQLite gives it the next hidden
rowid and the next cell, the WAL keeps the commit between two staff actions with exact times,
PostgreSQL stamps its transaction id (xmin) and its place (ctid). Once the day is over, in ONE
transaction: the day's anonymous audit entries join the chain shuffled, and every app's
registered rewriter deletes and re-inserts the day's anonymous rows in random order (their ids
are random UUIDs already, so foreign keys still hold; the checks are deferred to the commit).
Then the files are compacted: SQLite checkpoints the WAL (TRUNCATE), VACUUMs and truncates the
WAL again; PostgreSQL runs VACUUM FULL on the rewritten tables, which writes them afresh. All
rewritten rows then share one xmin, and their order on disk is random.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Callable, Iterable

from django.db import connection, models, transaction
from django.utils import timezone

from juntos.core.audit import audit_seal_anonymous_entries
from juntos.core.models import PendingAnonymousAuditEntry, SealedDay

logger = logging.getLogger(__name__)

# A rewriter gets (since, before): rewrite rows dated since <= day < before (since None: all
# rows before `before`), and returns the models it rewrote.
DayRewriter = Callable[[dt.date | None, dt.date], list[type[models.Model]]]
_rewriters: list[DayRewriter] = []


def day_rewriter_register(rewriter: DayRewriter) -> None:
    """Called by an app at start-up with the function that rewrites its anonymous rows."""
    if rewriter not in _rewriters:
        _rewriters.append(rewriter)


def tables_hold(*models_held: type[models.Model]) -> None:
    """PostgreSQL: hold off writers (not readers) of these tables until the seal commits.

    A worker's request that reaches for a row while it is being rewritten then waits, and finds
    the row written again afterwards (its statement starts once the lock is granted), instead
    of finding it gone. SQLite needs nothing: it lets one writer in at a time.
    """
    if connection.vendor != "postgresql" or not models_held:
        return
    tables = ", ".join(f'"{m._meta.db_table}"' for m in models_held)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")


def rows_rewrite(queryset: models.QuerySet[models.Model], *, new_ids: bool = False) -> int:
    """Delete the rows and insert them again, in random order (inside the caller's transaction).

    `new_ids` gives rows an autoincrement id anew (only for rows nothing points at). Cascades
    and signals do not run: the same rows come back, and foreign keys are checked at commit.
    """
    rows = list(queryset)
    if not rows:
        return 0
    manager = queryset.model._default_manager
    ids = [row.pk for row in rows]
    for start in range(0, len(ids), 500):
        manager.filter(pk__in=ids[start : start + 500])._raw_delete(connection.alias)
    random.SystemRandom().shuffle(rows)
    for row in rows:
        row._state.adding = True
        if new_ids:
            row.pk = None
    manager.bulk_create(rows, batch_size=500)
    return len(rows)


def _days_to_seal(before: dt.date) -> dt.date | None:
    """The first day not sealed yet (None when no day was ever sealed: everything before)."""
    last = SealedDay.objects.order_by("-day").values_list("day", flat=True).first()
    return last + dt.timedelta(days=1) if last else None


def day_seal(*, today: dt.date | None = None, compact: bool = True) -> int:
    """Seal every day before today; return how many anonymous audit entries joined the chain."""
    before = today or timezone.localdate()
    since = _days_to_seal(before)
    # The day's entries leave the queue; the log gains them as fresh rows in random order.
    touched: set[type[models.Model]] = {PendingAnonymousAuditEntry}
    with transaction.atomic():
        joined = audit_seal_anonymous_entries(before=before)
        for rewriter in _rewriters:
            touched.update(rewriter(since, before))
        SealedDay.objects.get_or_create(day=before - dt.timedelta(days=1))
    if compact:
        storage_compact(touched)
    return joined


def storage_compact(models_touched: Iterable[type[models.Model]]) -> bool:
    """Rewrite the files so freed cells, old row versions and the WAL keep nothing."""
    if connection.in_atomic_block:
        logger.warning("the database files were not compacted: called inside a transaction")
        return False
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.execute("VACUUM")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        elif connection.vendor == "postgresql":
            for model in sorted(models_touched, key=lambda m: m._meta.db_table):
                cursor.execute(f'VACUUM FULL "{model._meta.db_table}"')
    return True
