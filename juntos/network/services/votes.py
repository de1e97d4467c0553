"""Writes about plenary votes: opening with a fixed electorate, proxies, ballots, closing.

In a secret ballot the participation row (who) and the ballot row (what) carry nothing that
joins them: the ballot's key is random, it has no time and no person, and the audit entry names
the vote, never the ballot. Storage can still betray order (the two rows are written in one
transaction, so that a vote is never counted without its voter or lost after it); what it would
link a voter to is a ciphertext that only the trustees, together, could open.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from juntos.accounts.actors import Actor
from juntos.core.crypto import keyed_hash, normalise_code, random_code
from juntos.core.services import audit_record, fact_record
from juntos.network import ballot_crypto, polls
from juntos.network.choices import (
    CHOICES_OF_POLL,
    BallotKind,
    Choice,
    PollKind,
    RecommendationStatus,
    Threshold,
    VoteStatus,
)
from juntos.network.models import (
    AgendaItem,
    Ballot,
    BallotAnswer,
    Elector,
    Meeting,
    NetworkMember,
    Participation,
    Proxy,
    Recommendation,
    TrusteeKey,
    Vote,
    VoteTrustee,
)
from juntos.network.services._common import require_coordinator, require_member
from juntos.network.services.notices import vote_notices_queue
from juntos.network.services.polls import (
    answer_check,
    option_result_count,
    options_create,
    poll_rules_check,
)
from juntos.network.services.trustees import (
    trustee_keys_of_coordinators,
    trustee_private_key,
    trustees_needed,
)
from juntos.network.storage import ballots_scatter

RECEIPT_PURPOSE = "network-ballot-receipt"
WRITE_ATTEMPTS = 50
# The order of a secret ballot's ciphertexts: one per choice.
CHOICE_ORDER = [Choice.YES, Choice.NO, Choice.ABSTAIN]


class AlreadyVoted(ValidationError):
    """The member (or the member she holds a proxy for) has already voted in this vote."""


def receipt_hash(code: str) -> str:
    """The stored form of a ballot receipt code (typed codes are normalised first)."""
    return keyed_hash(RECEIPT_PURPOSE, normalise_code(code))


def vote_open(
    *,
    actor: Actor | None,
    recommendation: Recommendation,
    ballot_kind: str,
    threshold: str,
    quorum_percent: int,
    allow_proxies: bool = False,
    closes_on: dt.date | None = None,
    poll_kind: str = PollKind.MOTION,
    options: list[str] | None = None,
) -> Vote:
    """Open the plenary vote on a recommendation; the electorate is fixed now.

    A secret vote gets its own key, dealt at once to the coordinators who are trustees.
    Ranked-choice and score polls choose among `options`, one per line as typed.
    """
    require_coordinator(actor)
    _check_rules(recommendation, ballot_kind, threshold, quorum_percent)
    labels = poll_rules_check(poll_kind=poll_kind, ballot_kind=ballot_kind, options=options or [])
    if closes_on is not None and closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("Voting cannot end before today.")})
    trustees = trustee_keys_of_coordinators() if ballot_kind == BallotKind.SECRET else []
    if ballot_kind == BallotKind.SECRET and not trustees:
        raise ValidationError(
            _(
                "A secret vote needs at least one coordinator with a trustee passphrase: "
                "set yours on the trustee page first."
            )
        )
    with transaction.atomic():
        if recommendation.votes.filter(counted=False).exists():
            raise ValidationError(
                _("A vote on this recommendation is already open or waiting for its count.")
            )
        vote = Vote.objects.create(
            recommendation=recommendation,
            meeting=_plenary_for(recommendation),
            ballot_kind=ballot_kind,
            poll_kind=poll_kind,
            threshold=threshold,
            quorum_percent=quorum_percent,
            allow_proxies=allow_proxies,
            opened_on=timezone.localdate(),
            closes_on=closes_on,
        )
        if trustees:
            _deal_key(vote, trustees)
        options_create(vote, labels)
        _snapshot_electorate(vote)
        audit_record(
            actor=actor,
            action="network.vote_open",
            target=vote,
            details={
                "electorate": vote.electorate_size,
                "ballot": ballot_kind,
                "poll": poll_kind,
                "options": len(labels),
                "trustees": len(trustees),
                "trustees_needed": vote.trustees_needed,
            },
        )
        vote_notices_queue(vote=vote, kind="opened")
    return vote


def _deal_key(vote: Vote, trustees: list[TrusteeKey]) -> None:
    # The private key exists only inside key_deal; what leaves it is one share per trustee.
    needed = trustees_needed(len(trustees))
    dealt = ballot_crypto.key_deal(trustees=len(trustees), needed=needed)
    VoteTrustee.objects.bulk_create(
        [
            VoteTrustee(
                vote=vote,
                trustee=key,
                share_index=share.index,
                sealed_share=ballot_crypto.share_seal(
                    share, key.public_key, context=_share_context(vote, share.index)
                ),
                verification_key=ballot_crypto.ints_to_hex([share.verification_key]),
            )
            for key, share in zip(trustees, dealt.shares, strict=True)
        ]
    )
    vote.public_key = ballot_crypto.ints_to_hex([dealt.public_key])
    vote.trustees_needed = needed
    vote.save(update_fields=["public_key", "trustees_needed"])


def _share_context(vote: Vote, index: int) -> str:
    return f"juntos-vote:{vote.pk}:share:{index}"


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


def _plenary_for(recommendation: Recommendation) -> Meeting | None:
    item = (
        AgendaItem.objects.filter(recommendation=recommendation, meeting__group__isnull=True)
        .select_related("meeting")
        .order_by("-meeting_id")
        .first()
    )
    return item.meeting if item else None


def proxy_grant(*, actor: Actor, vote: Vote, holder: NetworkMember) -> Proxy:
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
    """What the voter is shown once: a receipt code (open ballot) or a tracking code (secret)."""

    code: str
    secret: bool


def ballot_cast(
    *,
    actor: Actor,
    vote: Vote,
    choice: str = "",
    on_behalf_of: NetworkMember | None = None,
    ranking: list[int] | None = None,
    scores: list[int] | None = None,
    reason: str = "",
) -> CastReceipt:
    """Cast one ballot (one's own, or by proxy) and return the receipt code, shown once.

    `choice` answers a yes/no or consent poll, `ranking` (option positions, favourite first)
    a ranked-choice one, `scores` (one per option) a score one; `reason` is open ballots' only.
    """
    caster = require_member(actor)
    choice, answer = answer_check(
        vote, choice=choice, ranking=ranking or [], scores=scores or [], reason=reason
    )
    voter = on_behalf_of or caster
    ballot, code = (
        _sealed_ballot(vote, choice) if vote.is_secret else _open_ballot(vote, voter, choice)
    )
    for attempt in range(WRITE_ATTEMPTS):
        try:
            _store_ballot(actor, vote, caster=caster, voter=voter, ballot=ballot, answer=answer)
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


def _sealed_ballot(vote: Vote, choice: str) -> tuple[Ballot, str]:
    # Encrypted here, before anything is stored: the plain choice never reaches the database.
    public_key = ballot_crypto.hex_to_ints(vote.public_key)[0]
    sealed = ballot_crypto.encrypt_one_hot(
        public_key, CHOICE_ORDER.index(Choice(choice)), len(CHOICE_ORDER)
    )
    sealed_hex = ballot_crypto.ciphertexts_to_hex(sealed)
    tracking = ballot_crypto.tracking_code(vote.pk, sealed_hex)
    ballot = Ballot(vote=vote, secret=True, sealed_choice=sealed_hex, tracking_code=tracking)
    return ballot, tracking


def _open_ballot(vote: Vote, voter: NetworkMember, choice: str) -> tuple[Ballot, str]:
    code = random_code()
    ballot = Ballot(
        vote=vote, secret=False, choice=choice, receipt_hash=receipt_hash(code), open_voter=voter
    )
    return ballot, code


def _store_ballot(
    actor: Actor,
    vote: Vote,
    *,
    caster: NetworkMember,
    voter: NetworkMember,
    ballot: Ballot,
    answer: BallotAnswer | None,
) -> None:
    with transaction.atomic():
        _check_can_cast(vote, caster=caster, voter=voter)
        Participation.objects.create(
            vote=vote, voter=voter, cast_by=caster if voter != caster else None
        )
        ballot.pk = ballot._meta.pk.get_default()
        ballot._state.adding = True
        ballot.save(force_insert=True)
        if answer is not None:
            answer.ballot = ballot
            answer._state.adding = True
            answer.save(force_insert=True)
        audit_record(actor=actor, action="network.ballot_cast", target=vote)


def _check_can_cast(vote: Vote, *, caster: NetworkMember, voter: NetworkMember) -> None:
    # One query on the common path: the voter is in the electorate of a vote still open (read
    # inside the transaction, so no ballot lands after closing). Whether she already voted is
    # left to the unique constraint, which is the authority anyway.
    if vote.closes_on is not None and timezone.localdate() > vote.closes_on:
        raise ValidationError(_("Voting on this vote has ended."))
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
    """The three counts of a yes/no poll, or of a consent poll (agree, block, stand aside)."""

    electorate: int
    turnout: int
    yes: int
    no: int
    abstain: int

    def outcome(
        self, *, quorum_percent: int, threshold: str, poll_kind: str = PollKind.MOTION
    ) -> tuple[bool, bool]:
        """(quorum met, carried) under the vote's rules; abstentions count only to quorum.

        A consent poll carries when nobody blocks; the threshold does not apply to it.
        """
        quorum_met = self.turnout >= math.ceil(self.electorate * quorum_percent / 100)
        if poll_kind == PollKind.CONSENT:
            passes = polls.consent_carried(agree=self.yes, block=self.no)
        elif threshold == Threshold.TWO_THIRDS:
            passes = self.yes > 0 and 3 * self.yes >= 2 * (self.yes + self.no)
        else:
            passes = self.yes > self.no
        return quorum_met, quorum_met and passes


def tally_count(vote: Vote) -> Tally:
    """Count the stored open ballots of a vote from scratch (secret ones: `tally_recount`)."""
    choices = list(Ballot.objects.filter(vote=vote).values_list("choice", flat=True))
    # Consent polls keep agree, block and stand aside where yes, no and abstain go.
    yes, no, abstain = CHOICES_OF_POLL.get(PollKind(vote.poll_kind), CHOICE_ORDER)
    return Tally(
        electorate=vote.electors.count(),
        turnout=len(choices),
        yes=choices.count(yes),
        no=choices.count(no),
        abstain=choices.count(abstain),
    )


def _sealed_sum(vote: Vote) -> list[ballot_crypto.Ciphertext]:
    sealed = Ballot.objects.filter(vote=vote).values_list("sealed_choice", flat=True)
    return ballot_crypto.aggregate(
        [ballot_crypto.hex_to_ciphertexts(text) for text in sealed], len(CHOICE_ORDER)
    )


def tally_recount(vote: Vote) -> Tally | None:
    """A closed vote's totals from its stored ballots, or None if they cannot be had.

    Open ballots are counted again; secret ones are multiplied together again, and the result
    must be the ciphertext the trustees opened, whose opening (their stored partial
    decryptions) gives the totals. No private key is needed to check this.
    """
    if not vote.is_secret:
        return tally_count(vote)
    if not vote.sealed_tally or _sealed_sum(vote) != ballot_crypto.hex_to_ciphertexts(
        vote.sealed_tally
    ):
        return None
    return _open_totals(vote, list(vote.trustees.exclude(partial_decryption="")))


def _open_totals(vote: Vote, opened: list[VoteTrustee]) -> Tally | None:
    if len(opened) < max(vote.trustees_needed, 1):
        return None
    partials = {t.share_index: ballot_crypto.hex_to_ints(t.partial_decryption) for t in opened}
    counts = ballot_crypto.combine(
        ballot_crypto.hex_to_ciphertexts(vote.sealed_tally), partials, most=vote.turnout
    )
    if counts is None or sum(counts) != vote.turnout:
        return None
    yes, no, abstain = counts
    return Tally(
        electorate=vote.electorate_size, turnout=vote.turnout, yes=yes, no=no, abstain=abstain
    )


def vote_close(*, actor: Actor | None, vote: Vote, reason: str = "") -> Vote:
    """Close the vote. An open ballot's tally is published now; a secret one's waits for the
    trustees (`tally_share_open`), and until then only turnout is known."""
    require_coordinator(actor)
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.status != VoteStatus.OPEN:
            raise ValidationError(_("This vote is already closed."))
        turnout = vote.participations.count()
        if Ballot.objects.filter(vote=vote).count() != turnout:
            raise ValidationError(_("Ballots and participation do not match; do not publish."))
        vote.status, vote.closed_on = VoteStatus.CLOSED, timezone.localdate()
        vote.electorate_size, vote.turnout = vote.electors.count(), turnout
        if vote.is_secret:
            vote.sealed_tally = ballot_crypto.ciphertexts_to_hex(_sealed_sum(vote))
            vote.save()
            vote.recommendation.decision_reason = reason.strip()[:5000]
            vote.recommendation.save(update_fields=["decision_reason"])
        else:
            _publish(vote, tally_count(vote), reason=reason)
        ballots_scatter()
        audit_record(
            actor=actor, action="network.vote_close", target=vote, details={"turnout": turnout}
        )
    return vote


def votes_close_due(*, today: dt.date | None = None) -> list[int]:
    """Close the votes whose voting day has passed (periodic job); open ballots publish now."""
    today = today or timezone.localdate()
    due = Vote.objects.filter(status=VoteStatus.OPEN, closes_on__lt=today).order_by("pk")
    closed = []
    for vote in due:
        vote_close(actor=None, vote=vote)
        closed.append(vote.pk)
    return closed


@task()
def close_votes_past_deadline() -> int:
    """Periodic: close the votes whose voting day has passed, so that their results show."""
    return len(votes_close_due())


def _publish(vote: Vote, tally: Tally, *, reason: str) -> None:
    quorum_met, carried = tally.outcome(
        quorum_percent=vote.quorum_percent, threshold=vote.threshold, poll_kind=vote.poll_kind
    )
    if vote.has_options:
        # The recommendation is adopted in the option the plenary chose, if it chose one.
        vote.option_result = option_result_count(vote)
        carried = quorum_met and vote.option_result["winner"] is not None
    vote.yes_count, vote.no_count, vote.abstain_count = tally.yes, tally.no, tally.abstain
    vote.quorum_met, vote.carried, vote.counted = quorum_met, carried, True
    vote.save()
    _decide(vote.recommendation, carried=carried, reason=reason)


def tally_share_open(*, actor: Actor | None, vote: Vote, passphrase: str) -> Vote:
    """One trustee opens their part of a closed secret vote's count with their passphrase.

    The share is unsealed for this request only and used on the summed ballots, never on a
    single one; when enough trustees have opened theirs, the totals are published.
    """
    require_coordinator(actor)
    share_row = (
        VoteTrustee.objects.select_related("trustee__user")
        .filter(vote=vote, trustee__user_id=actor.pk)
        .first()
        if actor is not None and actor.is_authenticated
        else None
    )
    if share_row is None or not vote.is_secret:
        raise PermissionDenied
    if vote.status != VoteStatus.CLOSED or vote.counted:
        raise ValidationError(_("This count is not waiting for trustees."))
    if share_row.has_opened:
        raise ValidationError(_("You have already opened your part of the count."))
    # Argon2 takes a moment: done before the transaction, so no lock is held meanwhile.
    private = trustee_private_key(share_row.trustee, passphrase)
    share = ballot_crypto.share_open(
        share_row.sealed_share,
        private,
        index=share_row.share_index,
        context=_share_context(vote, share_row.share_index),
    )
    if ballot_crypto.ints_to_hex([share.verification_key]) != share_row.verification_key:
        raise ValidationError(_("This share does not match the vote's key; do not publish."))
    partial = ballot_crypto.partial_decrypt(
        ballot_crypto.hex_to_ciphertexts(vote.sealed_tally), share
    )
    del private, share
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        share_row.partial_decryption = ballot_crypto.ints_to_hex(partial)
        share_row.save(update_fields=["partial_decryption"])
        audit_record(actor=actor, action="network.tally_share_open", target=vote)
        if not vote.counted:
            _count_if_enough(actor, vote)
    return vote


def _count_if_enough(actor: Actor | None, vote: Vote) -> None:
    opened = list(vote.trustees.exclude(partial_decryption=""))
    if len(opened) < vote.trustees_needed:
        return
    tally = _open_totals(vote, opened)
    if tally is None:
        raise ValidationError(_("The count does not add up to the turnout; do not publish."))
    _publish(vote, tally, reason=vote.recommendation.decision_reason)
    audit_record(
        actor=actor,
        action="network.vote_count",
        target=vote,
        details={"yes": tally.yes, "no": tally.no, "abstain": tally.abstain},
    )


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
