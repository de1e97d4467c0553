"""Keeping the physical order of stored ballots unrelated to the order of voting.

Both databases otherwise keep rows roughly in insertion order, and the participation table
records who voted in that same order. SQLite stores the ballot table WITHOUT ROWID (migration
0004), so its rows follow the random UUID keys at all times. PostgreSQL appends rows to its
heap in insertion order, so closing a vote rewrites the table in key order (CLUSTER), which
also drops the old row versions.
"""

from __future__ import annotations

from django.db import connection

# The statements name the table literally; the model's db_table is "network_ballot".


def ballots_scatter() -> None:
    """After a vote closes, put stored ballots in the order of their random keys."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # CLUSTER refuses to run while deferred foreign-key checks are pending in the
            # transaction (ballots inserted in it); run those checks now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute('CLUSTER "network_ballot" USING "network_ballot_pkey"')


def ballots_in_storage_order(vote_id: int) -> list[str]:
    """Ballot keys of a vote as the database hands them back with no ORDER BY (for tests)."""
    with connection.cursor() as cursor:
        cursor.execute('SELECT "id" FROM "network_ballot" WHERE "vote_id" = %s', [vote_id])
        return [str(row[0]).replace("-", "") for row in cursor.fetchall()]
