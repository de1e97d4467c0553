"""The counts of ranked-choice and score polls are pure functions of the ballots: the order
the ballots come in never changes them, and an instant-runoff winner holds a majority."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from juntos.network import polls

OPTIONS = 4


@st.composite
def rankings(draw: st.DrawFn) -> list[list[int]]:
    ballot = st.permutations(range(OPTIONS)).flatmap(
        lambda order: st.integers(0, OPTIONS).map(lambda n: list(order[:n]))
    )
    return draw(st.lists(ballot, max_size=40))


scores = st.lists(st.lists(st.integers(0, polls.SCORE_MAX), min_size=OPTIONS, max_size=OPTIONS))


@given(rankings(), st.randoms())
def test_shuffling_ranked_ballots_changes_nothing(ballots, rnd):
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    assert polls.irv_count(shuffled, OPTIONS) == polls.irv_count(ballots, OPTIONS)


@given(rankings())
def test_an_irv_winner_has_a_majority_of_continuing_ballots_in_the_last_round(ballots):
    result = polls.irv_count(ballots, OPTIONS)
    last = result.rounds[-1]
    if result.winner is not None:
        assert 2 * last.counts[result.winner] > last.continuing_ballots
        assert not last.eliminated
    # Every round accounts for every ballot, and options only ever leave the count.
    for round_ in result.rounds:
        assert sum(round_.counts.values()) + round_.exhausted == len(ballots)
    for earlier, later in zip(result.rounds, result.rounds[1:], strict=False):
        assert set(later.counts) == set(earlier.counts) - set(earlier.eliminated)


@given(rankings())
def test_a_first_choice_majority_wins_in_the_first_round(ballots):
    firsts = [b[0] for b in ballots if b]
    result = polls.irv_count(ballots, OPTIONS)
    for option in range(OPTIONS):
        if 2 * firsts.count(option) > len(firsts):
            assert result.winner == option and len(result.rounds) == 1


def test_transfers_decide_a_runoff_round_by_round():
    # 0 leads on first choices, but 2's supporters prefer 1, who wins in round two.
    ballots = [[0]] * 4 + [[1, 0]] * 3 + [[2, 1]] * 2
    result = polls.irv_count(ballots, 3)
    assert [r.counts for r in result.rounds] == [{0: 4, 1: 3, 2: 2}, {0: 4, 1: 5}]
    assert result.rounds[0].eliminated == (2,)
    assert result.winner == 1


def test_a_tie_at_the_end_has_no_winner():
    result = polls.irv_count([[0], [1]], 2)
    assert result.winner is None and polls.irv_count([], 2).winner is None


@given(scores, st.randoms())
def test_shuffling_score_ballots_changes_nothing(ballots, rnd):
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    assert polls.score_count(shuffled, OPTIONS) == polls.score_count(ballots, OPTIONS)


@given(scores)
def test_score_means_and_distributions_add_up(ballots):
    result = polls.score_count(ballots, OPTIONS)
    for row in result.options:
        assert row.count == len(ballots)
        assert row.total == sum(b[row.option] for b in ballots)
        assert 0 <= row.mean <= polls.SCORE_MAX
    if result.winner is not None:
        best = result.options[result.winner].mean
        assert all(row.mean < best for row in result.options if row.option != result.winner)


def test_consent_stops_at_one_block():
    assert polls.consent_carried(agree=9, block=0)
    assert not polls.consent_carried(agree=9, block=1)
    assert not polls.consent_carried(agree=0, block=0)
