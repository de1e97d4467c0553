"""Writes about plenary votes: opening with a fixed electorate, proxies, ballots, closing.

In a secret ballot the participation row (who) and the ballot row (what) are written in the
same transaction, but nothing joins them: the ballot's key is random, it has no time and no
person, and the audit entry names the vote, never the ballot.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.core.crypto import keyed_hash, normalise_code, random_code
from juntos.core.services import audit_record, fact_record
from juntos.network.choices import (
    BallotKind,
    Choice,
    RecommendationStatus,
    Threshold,
    VoteStatus,
)
from juntos.network.models import (
    AgendaItem,
    Ballot,
    Elector,
    NetworkMember,
    Participation,
    Proxy,
    Recommendation,
    Vote,
)
from juntos.network.services._common import require_coordinator, require_member
from juntos.network.storage import ballots_scatter

RECEIPT_PURPOSE = "network-ballot-receipt"
WRITE_ATTEMPTS = 50


class AlreadyVoted(ValidationError):
    """The member (or the member she holds a proxy for) has already voted in this vote."""


def receipt_hash(code: str) -> str:
    """The stored form of a ballot receipt code (typed codes are normalised first)."""
    return keyed_hash(RECEIPT_PURPOSE, normalise_code(code))


def vote_open(
    *,
    actor: Any,
    recommendation: Recommendation,
    ballot_kind: str,
    threshold: str,
    quorum_percent: int,
    allow_proxies: bool = False,
) -> Vote:
    """Open the plenary vote on a recommendation; the electorate is fixed now."""
    require_coordinator(actor)
    _check_rules(recommendation, ballot_kind, threshold, quorum_percent)
    with transaction.atomic():
        if recommendation.votes.filter(status=VoteStatus.OPEN).exists():
            raise ValidationError(_("A vote on this recommendation is already open."))
        vote = Vote.objects.create(
            recommendation=recommendation,
            meeting=_plenary_for(recommendation),
            ballot_kind=ballot_kind,
            threshold=threshold,
            quorum_percent=quorum_percent,
            allow_proxies=allow_proxies,
            opened_on=timezone.localdate(),
        )
        _snapshot_electorate(vote)
        audit_record(
            actor=actor,
            action="network.vote_open",
            target=vote,
            details={"electorate": vote.electorate_size, "ballot": ballot_kind},
        )
    return vote


def _check_rules(
    recommendation: Recommendation, ballot_kind: str, threshold: str, quorum_percent: int
) -> None:
    if recommendation.status != RecommendationStatus.ON_AGENDA:
        raise ValidationError(_("Only a recommendation on the plenary agenda can be voted."))
    if ballot_kind not in BallotKind.values or threshold not in Threshold.values:
        raise ValidationError(_("Choose the ballot and the threshold."))
    if not 0 <= quorum_percent <= 100:
        raise ValidationError({"quorum_percent": _("The quorum is a percentage from 0 to 100.")})


def _snapshot_electorate(vote: Vote) -> None:
    # Members who join, leave or lose their vote later do not change this vote's electorate.
    voters = NetworkMember.objects.filter(is_active=True, is_voting=True).values_list(
        "pk", flat=True
    )
    Elector.objects.bulk_create([Elector(vote=vote, member_id=pk) for pk in voters])
    vote.electorate_size = vote.electors.count()
    vote.save(update_fields=["electorate_size"])


def _plenary_for(recommendation: Recommendation) -> Any:
    item = (
        AgendaItem.objects.filter(recommendation=recommendation, meeting__group__isnull=True)
        .select_related("meeting")
        .order_by("-meeting_id")
        .first()
    )
    return item.meeting if item else None


def proxy_grant(*, actor: Any, vote: Vote, holder: NetworkMember) -> Proxy:
    """Ask another elector to vote for you; each member gives and holds at most one proxy."""
    grantor = require_member(actor)
    if not vote.allow_proxies or vote.status != VoteStatus.OPEN:
        raise ValidationError(_("This vote does not take proxies."))
    electors = set(
        vote.electors.filter(member__in=[grantor, holder]).values_list("member", flat=True)
    )
    if electors != {grantor.pk, holder.pk} or grantor.pk == holder.pk:
        raise ValidationError({"holder": _("Both of you must be in this vote's electorate.")})
    try:
        with transaction.atomic():
            if vote.participations.filter(voter=grantor).exists():
                raise AlreadyVoted(_("You have already voted in this vote."))
            proxy = Proxy.objects.create(vote=vote, grantor=grantor, holder=holder)
            audit_record(actor=actor, action="network.proxy_grant", target=vote)
    except IntegrityError as exc:
        raise ValidationError(
            {"holder": _("You already gave a proxy, or that member already holds one.")}
        ) from exc
    return proxy


@dataclass(frozen=True)
class CastReceipt:
    code: str
    secret: bool


def ballot_cast(
    *, actor: Any, vote: Vote, choice: str, on_behalf_of: NetworkMember | None = None
) -> CastReceipt:
    """Cast one ballot (one's own, or by proxy) and return the receipt code, shown once."""
    caster = require_member(actor)
    if choice not in Choice.values:
        raise ValidationError({"choice": _("Choose yes, no or abstain.")})
    voter = on_behalf_of or caster
    code = random_code()
    for attempt in range(WRITE_ATTEMPTS):
        try:
            _store_ballot(actor, vote, caster=caster, voter=voter, choice=choice, code=code)
            break
        except IntegrityError as exc:
            # The unique (vote, voter) constraint: a second ballot raced the first one in.
            raise AlreadyVoted(_("You have already voted in this vote.")) from exc
        except OperationalError as exc:
            # SQLite refuses, rather than waits for, a write lock in some modes (shared-cache
            # test databases); wait a moment and try again. PostgreSQL never gets here.
            if "locked" not in str(exc) or attempt == WRITE_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
    return CastReceipt(code=code, secret=vote.is_secret)


def _store_ballot(
    actor: Any, vote: Vote, *, caster: NetworkMember, voter: NetworkMember, choice: str, code: str
) -> None:
    with transaction.atomic():
        _check_can_cast(vote, caster=caster, voter=voter)
        Participation.objects.create(
            vote=vote, voter=voter, cast_by=caster if voter != caster else None
        )
        Ballot.objects.create(
            vote=vote,
            choice=choice,
            receipt_hash=receipt_hash(code),
            secret=vote.is_secret,
            open_voter=None if vote.is_secret else voter,
        )
        audit_record(actor=actor, action="network.ballot_cast", target=vote)


def _check_can_cast(vote: Vote, *, caster: NetworkMember, voter: NetworkMember) -> None:
    # One query on the common path: the voter is in the electorate of a vote still open (read
    # inside the transaction, so no ballot lands after closing). Whether she already voted is
    # left to the unique constraint, which is the authority anyway.
    if not Elector.objects.filter(
        vote_id=vote.pk, member=voter, vote__status=VoteStatus.OPEN
    ).exists():
        if not Vote.objects.filter(pk=vote.pk, status=VoteStatus.OPEN).exists():
            raise ValidationError(_("This vote is closed."))
        raise PermissionDenied
    if not vote.allow_proxies:
        if voter != caster:
            raise PermissionDenied
        return
    if voter != caster and not vote.proxies.filter(grantor=voter, holder=caster).exists():
        raise PermissionDenied
    if voter == caster and vote.proxies.filter(grantor=caster).exists():
        raise ValidationError(_("You gave your vote to a proxy holder."))


@dataclass(frozen=True)
class Tally:
    electorate: int
    turnout: int
    yes: int
    no: int
    abstain: int

    def outcome(self, *, quorum_percent: int, threshold: str) -> tuple[bool, bool]:
        """(quorum met, carried) under the vote's rules; abstentions count only to quorum."""
        quorum_met = self.turnout >= math.ceil(self.electorate * quorum_percent / 100)
        if threshold == Threshold.TWO_THIRDS:
            passes = self.yes > 0 and 3 * self.yes >= 2 * (self.yes + self.no)
        else:
            passes = self.yes > self.no
        return quorum_met, quorum_met and passes


def tally_count(vote: Vote) -> Tally:
    """Count the stored ballots of a vote from scratch."""
    choices = list(Ballot.objects.filter(vote=vote).values_list("choice", flat=True))
    return Tally(
        electorate=vote.electors.count(),
        turnout=len(choices),
        yes=choices.count(Choice.YES),
        no=choices.count(Choice.NO),
        abstain=choices.count(Choice.ABSTAIN),
    )


def vote_close(*, actor: Any, vote: Vote, reason: str = "") -> Vote:
    """Close the vote, publish the tally and adopt or reject the recommendation."""
    require_coordinator(actor)
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.status != VoteStatus.OPEN:
            raise ValidationError(_("This vote is already closed."))
        tally = tally_count(vote)
        if tally.turnout != vote.participations.count():
            raise ValidationError(_("Ballots and participation do not match; do not publish."))
        quorum_met, carried = tally.outcome(
            quorum_percent=vote.quorum_percent, threshold=vote.threshold
        )
        _store_result(vote, tally, quorum_met=quorum_met, carried=carried)
        ballots_scatter()
        _decide(vote.recommendation, carried=carried, reason=reason)
        audit_record(
            actor=actor,
            action="network.vote_close",
            target=vote,
            details={"yes": tally.yes, "no": tally.no, "abstain": tally.abstain},
        )
    return vote


def _store_result(vote: Vote, tally: Tally, *, quorum_met: bool, carried: bool) -> None:
    vote.status = VoteStatus.CLOSED
    vote.closed_on = timezone.localdate()
    vote.electorate_size = tally.electorate
    vote.turnout = tally.turnout
    vote.yes_count, vote.no_count, vote.abstain_count = tally.yes, tally.no, tally.abstain
    vote.quorum_met, vote.carried = quorum_met, carried
    vote.save()


def _decide(recommendation: Recommendation, *, carried: bool, reason: str) -> None:
    # An empty reason is shown as "the plenary voted for/against it" in the reader's language.
    recommendation.status = (
        RecommendationStatus.ADOPTED if carried else RecommendationStatus.REJECTED
    )
    recommendation.decision_reason = reason.strip()[:5000]
    recommendation.decided_on = timezone.localdate()
    recommendation.save(update_fields=["status", "decision_reason", "decided_on"])
    if carried:
        fact_record(kind="network.recommendation-adopted", outcome="adopted")
