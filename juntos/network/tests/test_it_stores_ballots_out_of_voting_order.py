"""No shared order: ballots do not come back in the order people voted, on either database."""

from __future__ import annotations

from django.db import connection

from juntos.network import services
from juntos.network.models import Participation
from juntos.network.storage import ballots_in_storage_order
from juntos.network.tests.factories import MemberFactory, close_and_count, make_vote


def test_ballots_come_back_in_key_order_not_voting_order(personas):
    voters = MemberFactory.create_batch(40)
    vote = make_vote(personas)
    for member in voters:
        services.ballot_cast(actor=member.user, vote=vote, choice="yes")
    vote = close_and_count(personas, vote)
    stored = ballots_in_storage_order(vote.pk)
    assert len(stored) == 40
    # Storage order is the order of the random keys, whatever order the ballots came in.
    assert stored == sorted(stored)
    voted = list(
        Participation.objects.filter(vote=vote).order_by("id").values_list("voter", flat=True)
    )
    assert voted == [m.pk for m in voters]


def test_sqlite_keeps_no_row_number_for_ballots(db):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'network_ballot'")
        (sql,) = cursor.fetchone()
    assert sql.upper().endswith("WITHOUT ROWID")
