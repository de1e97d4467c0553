"""One member, one vote: enforced by the database, and safe under simultaneous submissions."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction

from juntos.network import services
from juntos.network.models import Ballot, Participation
from juntos.network.services import AlreadyVoted
from juntos.network.tests.factories import make_members, make_vote
from juntos.testing.personas import make_personas


def test_the_database_refuses_a_second_participation(personas):
    vote = make_vote(personas)
    member = make_members(personas)["rosa"]
    Participation.objects.create(vote=vote, voter=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(vote=vote, voter=member)


def test_a_second_ballot_is_refused_as_already_voted(personas):
    vote = make_vote(personas)
    services.ballot_cast(actor=personas.rosa, vote=vote, choice="yes")
    with pytest.raises(AlreadyVoted):
        services.ballot_cast(actor=personas.rosa, vote=vote, choice="no")
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_the_page_says_already_voted_on_a_repeat(personas, client_as):
    vote = make_vote(personas)
    rosa = client_as("rosa")
    url = f"/en/network/votes/{vote.pk}/ballot/"
    assert rosa.post(url, {"choice": "yes"}).status_code == 200
    again = rosa.post(url, {"choice": "no"})
    assert again.status_code == 409
    assert "You have already voted in this vote." in again.content.decode()
    assert Ballot.objects.filter(vote=vote).count() == 1


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_ballots_from_one_member_store_exactly_one():
    personas = make_personas()
    vote = make_vote(personas)
    rosa = personas.rosa
    barrier = threading.Barrier(50)
    outcomes: list[str] = []
    lock = threading.Lock()

    def cast() -> None:
        try:
            barrier.wait()
            services.ballot_cast(actor=rosa, vote=vote, choice="yes")
            result = "stored"
        except AlreadyVoted:
            result = "already voted"
        finally:
            close_old_connections()
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=cast) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("stored") == 1
    assert outcomes.count("already voted") == 49
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert Participation.objects.filter(vote=vote).count() == 1


def test_a_race_past_the_check_is_stopped_by_the_constraint(personas, monkeypatch):
    """When two requests both pass the "has she voted?" check, the unique key decides."""
    from juntos.network.services import votes as vote_services

    vote = make_vote(personas)
    first = services.ballot_cast(actor=personas.rosa, vote=vote, choice="yes")
    monkeypatch.setattr(vote_services, "_check_can_cast", lambda *a, **k: None)
    with pytest.raises(AlreadyVoted):
        services.ballot_cast(actor=personas.rosa, vote=vote, choice="no")
    assert Ballot.objects.filter(vote=vote).count() == 1
    # The ballot kept is the first one: the second left nothing behind.
    assert list(Ballot.objects.filter(vote=vote).values_list("tracking_code", flat=True)) == [
        first.code
    ]
