"""Plenary votes.

Who voted (Participation) and what was chosen (Ballot) live in two tables with no path
between them: a ballot has a random UUID key, no foreign key to a person or a participation,
and no time at all. The day a vote opened and closed is the finest time either side keeps.
A secret ballot's choice is stored only encrypted to the vote's key, whose private half is
held in shares by the trustees (see `juntos/network/ballot_crypto.py`): a copy of the database
shows who voted, never how.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from juntos.network.choices import BallotKind, Choice, PollKind, Threshold, VoteStatus
from juntos.network.models.bodies import NetworkMember
from juntos.network.models.meetings import Meeting
from juntos.network.models.recommendations import Recommendation


class BallotChangeError(Exception):
    """Raised on any attempt to change or remove a ballot once stored."""


class Vote(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="votes"
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="votes"
    )
    ballot_kind = models.CharField(_("ballot"), max_length=10, choices=BallotKind.choices)
    poll_kind = models.CharField(
        _("kind of poll"), max_length=10, choices=PollKind.choices, default=PollKind.MOTION
    )
    threshold = models.CharField(_("threshold"), max_length=20, choices=Threshold.choices)
    quorum_percent = models.PositiveSmallIntegerField(_("quorum (% of electorate)"), default=50)
    allow_proxies = models.BooleanField(_("allow proxy votes"), default=False)
    status = models.CharField(max_length=10, choices=VoteStatus.choices, default=VoteStatus.OPEN)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    # The day voting is meant to end (the coordinator still closes it); members are reminded.
    closes_on = models.DateField(_("voting ends on"), null=True, blank=True)
    reminder_sent = models.BooleanField(default=False)
    # Secret ballots: the vote's public key (hex), how many trustees must open the count, and
    # at closing, the product of all ballots (a ciphertext of each choice's total).
    public_key = models.TextField(blank=True)
    trustees_needed = models.PositiveSmallIntegerField(default=0)
    sealed_tally = models.TextField(blank=True)
    # Whether the totals below are known: at closing for open ballots, once enough trustees
    # opened the count for secret ones.
    counted = models.BooleanField(default=False)
    # The published result, written once at closing and recomputable from the ballots.
    electorate_size = models.PositiveIntegerField(default=0)
    turnout = models.PositiveIntegerField(default=0)
    yes_count = models.PositiveIntegerField(default=0)
    no_count = models.PositiveIntegerField(default=0)
    abstain_count = models.PositiveIntegerField(default=0)
    quorum_met = models.BooleanField(default=False)
    carried = models.BooleanField(default=False)
    # Ranked-choice and score polls: the published count (rounds, or each option's scores),
    # as `polls.result_to_json` writes it; consent polls use the three counts above
    # (agree, block, stand aside).
    option_result = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100), name="network_quorum_percent"
            ),
            models.CheckConstraint(
                condition=Q(status=VoteStatus.OPEN, closed_on__isnull=True)
                | Q(status=VoteStatus.CLOSED, closed_on__isnull=False),
                name="network_vote_closed_has_day",
            ),
            models.CheckConstraint(
                condition=Q(counted=False) | Q(status=VoteStatus.CLOSED),
                name="network_vote_counted_after_close",
            ),
        ]

    def __str__(self) -> str:
        return str(self.recommendation)

    @property
    def is_secret(self) -> bool:
        return self.ballot_kind == BallotKind.SECRET

    @property
    def has_options(self) -> bool:
        return self.poll_kind in (PollKind.RANKED, PollKind.SCORE)


class VoteOption(models.Model):
    """One of the options a ranked-choice or score poll chooses among, as the coordinator
    wrote it (like agenda items, options stay in the language they were written in)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(_("option"), max_length=300)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "position"], name="network_option_once")
        ]

    def __str__(self) -> str:
        return self.label


class Elector(models.Model):
    """The electorate, copied from the voting members at the moment the vote opens."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="electors")
    member = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "member"], name="network_elector_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.vote_id}"


class Participation(models.Model):
    """That a member voted (never what). Unique per vote and voter: one member, one vote."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="participations")
    voter = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="+")
    # Set when a proxy holder cast this vote for the voter.
    cast_by = models.ForeignKey(
        NetworkMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "voter"], name="network_one_member_one_vote")
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} voted in {self.vote_id}"


class Proxy(models.Model):
    """A member asks another to vote for her. Each gives and holds at most one per vote."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="proxies")
    grantor = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "grantor"], name="network_proxy_given_once"),
            models.UniqueConstraint(fields=["vote", "holder"], name="network_proxy_held_once"),
            models.CheckConstraint(
                condition=~Q(grantor=models.F("holder")), name="network_proxy_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grantor_id} → {self.holder_id} ({self.vote_id})"


class Ballot(models.Model):
    """What was chosen. Random key, no time; in a secret ballot, no person and no plain choice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="ballots")
    secret = models.BooleanField()
    # Open ballots: the choice, who made it, and keyed_hash of the receipt code shown once.
    choice = models.CharField(max_length=10, choices=Choice.choices, blank=True)
    receipt_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    open_voter = models.ForeignKey(
        NetworkMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Secret ballots: one ElGamal ciphertext per choice (fixed-width hex, the same length
    # whatever it says), and the public tracking code derived from it.
    sealed_choice = models.TextField(blank=True)
    tracking_code = models.CharField(max_length=24, unique=True, null=True, blank=True)

    class Meta:
        # No default ordering: listing ballots must not follow any order of casting.
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    secret=True,
                    open_voter__isnull=True,
                    choice="",
                    receipt_hash__isnull=True,
                    tracking_code__isnull=False,
                )
                & ~Q(sealed_choice="")
                | Q(
                    secret=False,
                    open_voter__isnull=False,
                    sealed_choice="",
                    tracking_code__isnull=True,
                    receipt_hash__isnull=False,
                )
                & ~Q(choice=""),
                name="network_secret_ballot_has_no_voter",
            ),
            models.UniqueConstraint(fields=["vote", "open_voter"], name="network_open_ballot_once"),
        ]

    def __str__(self) -> str:
        return f"ballot {self.id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise BallotChangeError("a ballot cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise BallotChangeError("a ballot cannot be removed")


class BallotAnswer(models.Model):
    """What an open ballot says beyond its choice: a ranking or scores, and the voter's reason.

    Secret ballots never have one: a reason or a ranking stored beside a secret ballot would
    be plain text a copy of the database could read (the service refuses them).
    """

    ballot = models.OneToOneField(
        Ballot, primary_key=True, on_delete=models.PROTECT, related_name="answer"
    )
    # Ranked choice: option positions, most preferred first. Score: one score per option.
    ranking = models.JSONField(default=list, blank=True)
    scores = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"answer of {self.ballot_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise BallotChangeError("a ballot cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise BallotChangeError("a ballot cannot be removed")


class TrusteeKey(models.Model):
    """A coordinator's trustee key: X25519, its private half wrapped under their passphrase."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="network_trustee_key"
    )
    public_key = models.CharField(max_length=64)
    salt = models.CharField(max_length=32)
    wrapped_private_key = models.TextField()
    argon2_time_cost = models.PositiveSmallIntegerField()
    argon2_memory_kib = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"trustee key of {self.user_id}"


class VoteTrustee(models.Model):
    """One trustee's share of one secret vote's key, sealed to their trustee key."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="trustees")
    trustee = models.ForeignKey(TrusteeKey, on_delete=models.PROTECT, related_name="+")
    share_index = models.PositiveSmallIntegerField()
    sealed_share = models.TextField()
    # g^share: lets the server check that an unsealed share is the one dealt.
    verification_key = models.TextField()
    # Written when this trustee opens the count: their partial decryption of the totals.
    partial_decryption = models.TextField(blank=True)

    class Meta:
        ordering = ["share_index"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "share_index"], name="network_share_once"),
            models.UniqueConstraint(fields=["vote", "trustee"], name="network_trustee_once"),
        ]

    def __str__(self) -> str:
        return f"share {self.share_index} of {self.vote_id}"

    @property
    def has_opened(self) -> bool:
        return bool(self.partial_decryption)
