"""Quorum and thresholds decide whether a recommendation is adopted."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import strategies as st

from juntos.network import services
from juntos.network.choices import Threshold
from juntos.network.services import Tally
from juntos.network.tests.factories import close_and_count, make_vote


@given(
    yes=st.integers(0, 60),
    no=st.integers(0, 60),
    abstain=st.integers(0, 60),
    absent=st.integers(0, 60),
    quorum=st.integers(0, 100),
)
def test_outcome_follows_the_rules(yes, no, abstain, absent, quorum):
    turnout = yes + no + abstain
    tally = Tally(electorate=turnout + absent, turnout=turnout, yes=yes, no=no, abstain=abstain)
    quorum_met, simple = tally.outcome(quorum_percent=quorum, threshold=Threshold.SIMPLE_MAJORITY)
    _, two_thirds = tally.outcome(quorum_percent=quorum, threshold=Threshold.TWO_THIRDS)
    assert quorum_met == (100 * turnout >= quorum * (turnout + absent))
    assert simple == (quorum_met and yes > no)
    assert two_thirds == (quorum_met and yes > 0 and 3 * yes >= 2 * (yes + no))
    assert not two_thirds or simple or yes == no  # two thirds is never easier than a majority


def test_two_thirds_rejects_a_simple_majority(personas):
    vote = make_vote(personas, threshold=Threshold.TWO_THIRDS, quorum=50)
    for key, choice in [("rosa", "yes"), ("amina", "yes"), ("carl", "no"), ("ines", "no")]:
        services.ballot_cast(actor=getattr(personas, key), vote=vote, choice=choice)
    closed = close_and_count(personas, vote)
    closed.recommendation.refresh_from_db()
    assert closed.quorum_met and not closed.carried
    assert closed.recommendation.status == "rejected"
    assert closed.recommendation.decision_reason == ""


def test_no_quorum_means_not_adopted(personas):
    vote = make_vote(personas, quorum=50)  # six electors: three must vote
    services.ballot_cast(actor=personas.rosa, vote=vote, choice="yes")
    services.ballot_cast(actor=personas.amina, vote=vote, choice="yes")
    closed = close_and_count(personas, vote, reason="Too few came.")
    closed.recommendation.refresh_from_db()
    assert not closed.quorum_met and not closed.carried
    assert closed.recommendation.status == "rejected"
    assert closed.recommendation.decision_reason == "Too few came."


def test_the_electorate_is_fixed_when_the_vote_opens(personas):
    from juntos.network.tests.factories import MemberFactory

    vote = make_vote(personas)
    late = MemberFactory.create()
    assert vote.electorate_size == 6
    with pytest.raises(PermissionDenied):  # not in the electorate
        services.ballot_cast(actor=late.user, vote=vote, choice="yes")
