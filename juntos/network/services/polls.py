"""The kinds of poll a plenary vote can be: checking what a ballot says, and counting options.

Yes/no/abstain works with open and secret ballots. Consent, ranked choice and score polls are
open ballots only: a block must give its reason, and ranked or scored ballots are counted one
by one, while a secret ballot's choice is only ever opened summed with all the others. For the
same reason a reason is taken only with an open ballot.
"""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from juntos.network import polls
from juntos.network.choices import CHOICES_OF_POLL, BallotKind, Choice, PollKind
from juntos.network.models import BallotAnswer, Vote, VoteOption

OPTIONS_MIN, OPTIONS_MAX = 2, 10
REASON_LIMIT = 2000


def poll_rules_check(*, poll_kind: str, ballot_kind: str, options: list[str]) -> list[str]:
    """The options of a new poll, trimmed, or why the poll cannot be opened so."""
    if poll_kind not in PollKind.values:
        raise ValidationError({"poll_kind": _("Choose the kind of poll.")})
    if poll_kind != PollKind.MOTION and ballot_kind == BallotKind.SECRET:
        raise ValidationError(
            {
                "ballot_kind": _(
                    "Only a yes, no or abstain poll can be a secret ballot: the others "
                    "count each ballot's reasons, rankings or scores one by one."
                )
            }
        )
    cleaned = [o.strip() for o in options if o.strip()]
    if poll_kind not in (PollKind.RANKED, PollKind.SCORE):
        return []
    if not OPTIONS_MIN <= len(cleaned) <= OPTIONS_MAX or len(set(cleaned)) != len(cleaned):
        raise ValidationError(
            {
                "options": _("List from %(least)s to %(most)s different options, one a line.")
                % {"least": OPTIONS_MIN, "most": OPTIONS_MAX}
            }
        )
    if any(len(o) > 300 for o in cleaned):
        raise ValidationError({"options": _("Keep each option under 300 characters.")})
    return cleaned


def options_create(vote: Vote, labels: list[str]) -> None:
    """Store the options of a ranked-choice or score poll in the order given."""
    VoteOption.objects.bulk_create(
        [VoteOption(vote=vote, position=i, label=label) for i, label in enumerate(labels)]
    )


def answer_check(
    vote: Vote, *, choice: str, ranking: list[int], scores: list[int], reason: str
) -> tuple[str, BallotAnswer | None]:
    """The ballot's stored choice and, for an open ballot, what else it says; or why not."""
    reason = reason.strip()
    if vote.is_secret and reason:
        raise ValidationError({"reason": _("A secret ballot takes no reason.")})
    if len(reason) > REASON_LIMIT:
        raise ValidationError(
            {"reason": _("Please keep this under %(limit)s characters.") % {"limit": REASON_LIMIT}}
        )
    if vote.poll_kind == PollKind.RANKED:
        _check_ranking(vote, ranking)
        choice, ranking_kept, scores_kept = Choice.RANKING, ranking, []
    elif vote.poll_kind == PollKind.SCORE:
        _check_scores(vote, scores)
        choice, ranking_kept, scores_kept = Choice.SCORES, [], scores
    else:
        allowed = CHOICES_OF_POLL[PollKind(vote.poll_kind)]
        if choice not in allowed:
            raise ValidationError({"choice": _("Choose one of the answers.")})
        if choice == Choice.BLOCK and not reason:
            raise ValidationError({"reason": _("Say why you block: it is required.")})
        ranking_kept, scores_kept = [], []
    if vote.is_secret:
        return choice, None
    answer = BallotAnswer(ranking=ranking_kept, scores=scores_kept, reason=reason)
    return choice, answer


def _option_count(vote: Vote) -> int:
    return vote.options.count()


def _check_ranking(vote: Vote, ranking: list[int]) -> None:
    count = _option_count(vote)
    if not ranking or len(set(ranking)) != len(ranking) or any(not 0 <= o < count for o in ranking):
        raise ValidationError(
            {"ranking": _("Number the options you support 1, 2, 3…, each number once.")}
        )


def _check_scores(vote: Vote, scores: list[int]) -> None:
    if len(scores) != _option_count(vote) or any(not 0 <= s <= polls.SCORE_MAX for s in scores):
        raise ValidationError({"scores": _("Give every option a score from 0 to 5.")})


def option_result_count(vote: Vote) -> dict[str, object]:
    """A ranked-choice or score poll's count from its stored ballots, ready to publish."""
    count = _option_count(vote)
    answers = BallotAnswer.objects.filter(ballot__vote=vote)
    if vote.poll_kind == PollKind.RANKED:
        rankings = [list(r) for r in answers.values_list("ranking", flat=True)]
        irv = polls.irv_count(rankings, count)
        return {
            "winner": irv.winner,
            "rounds": [
                {
                    "counts": [r.counts.get(o) for o in range(count)],
                    "continuing": r.continuing_ballots,
                    "exhausted": r.exhausted,
                    "eliminated": list(r.eliminated),
                }
                for r in irv.rounds
            ],
        }
    scored = polls.score_count([list(s) for s in answers.values_list("scores", flat=True)], count)
    return {
        "winner": scored.winner,
        "options": [
            {**asdict(o), "distribution": list(o.distribution), "mean": round(o.mean, 2)}
            for o in scored.options
        ],
    }
