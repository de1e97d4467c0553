"""Factories and helpers for the network's tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from juntos.accounts.choices import Sector
from juntos.accounts.models import User
from juntos.network import services
from juntos.network.choices import BallotKind, MeetingFormat, Threshold
from juntos.network.models import NetworkMember, WorkingGroup

# Who belongs to the network in tests: everyone but dana (the outsider) and the operator.
MEMBER_SECTORS = {
    "rosa": Sector.MIGRANT_WORKER,
    "amina": Sector.CIVIL_SOCIETY,
    "ben": Sector.CIVIL_SOCIETY,
    "carl": Sector.EMPLOYER,
    "rita": Sector.INDUSTRY,
    "ines": Sector.GOVERNMENT,
}
MEMBERS = frozenset(MEMBER_SECTORS)
# Amina interprets for the network: she adds the other languages of what members write.
INTERPRETERS = frozenset({"amina"})


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    display_name = factory.Sequence(lambda n: f"Member {n}")
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    sector = Sector.MIGRANT_WORKER
    preferred_language = "es"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMember

    user = factory.SubFactory(UserFactory)
    kind = "person"
    name = factory.LazyAttribute(lambda m: m.user.display_name)
    sector = factory.LazyAttribute(lambda m: m.user.sector)


def make_members(personas: Any) -> dict[str, NetworkMember]:
    """The personas (but dana and the operator) as network members; idempotent."""
    found = {}
    for key, sector in MEMBER_SECTORS.items():
        user = getattr(personas, key)
        found[key] = services.member_add(
            actor=None, user=user, sector=sector, is_interpreter=key in INTERPRETERS
        )
    return found


def make_group(personas: Any, chairs: tuple[str, str] = ("rosa", "carl")) -> WorkingGroup:
    members = make_members(personas)
    group = services.group_create(
        actor=None,
        name="Preventing mistreatment",
        mandate="Propose how to prevent mistreatment.",
        co_chairs=[members[c] for c in chairs],
    )
    services.group_member_add(actor=None, group=group, member=members["amina"])
    return group


def slot(days: int, hour: int = 18) -> tuple[dt.datetime, dt.datetime]:
    day = timezone.localdate() + dt.timedelta(days=days)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    return starts, starts + dt.timedelta(hours=2)


def make_meeting(personas: Any, *, group: Any = None, days: int = 7, scheduled: bool = True) -> Any:
    make_members(personas)
    meeting = services.meeting_create(
        actor=None,
        group=group,
        title="Plenary" if group is None else "Group meeting",
        meeting_format=MeetingFormat.HYBRID,
        location="Community hall",
        online_url="https://meet.example.org/x",
        options=[slot(days), slot(days + 1)],
    )
    if scheduled:
        services.meeting_schedule(
            actor=None, meeting=meeting, option_id=meeting.poll_options.earliest("starts_at").pk
        )
    return meeting


def make_recommendation(personas: Any, *, stage: str = "draft", group: Any = None) -> Any:
    group = group or make_group(personas)
    recommendation = services.recommendation_draft(
        actor=personas.rosa, group=group, title="Emergency line", body="Answer in Spanish."
    )
    if stage == "draft":
        return recommendation
    endorse(personas, recommendation)
    if stage == "endorsed":
        return recommendation
    plenary = make_meeting(personas)
    services.recommendation_put_on_agenda(
        actor=None, recommendation=recommendation, meeting=plenary
    )
    return recommendation


def endorse(personas: Any, recommendation: Any) -> Any:
    """The test group (rosa, carl, amina; two answers needed) agrees: the draft is endorsed."""
    for key in ("rosa", "carl"):
        services.recommendation_answer(
            actor=getattr(personas, key), recommendation=recommendation, agrees=True
        )
    return recommendation


TRUSTEE_PASSPHRASE = "ben's long trustee passphrase"


def make_trustee(user: Any, passphrase: str = TRUSTEE_PASSPHRASE) -> Any:
    """A coordinator with a trustee passphrase (idempotent)."""
    from juntos.network.models import TrusteeKey

    found = TrusteeKey.objects.filter(user=user).first()
    return found or services.trustee_key_set(actor=user, passphrase=passphrase)


def _known_passphrases() -> dict[str, str]:
    """Login -> passphrase of every trustee a test may meet: the tests' own, and the demo's."""
    from juntos.demo.seed_network import DEMO_TRUSTEES

    return {login: passphrase for login, (_name, _language, passphrase) in DEMO_TRUSTEES.items()}


def close_and_count(personas: Any, vote: Any, *, reason: str = "") -> Any:
    """Close a vote and, for a secret one, have its trustees open the count.

    In tests ben is usually the only trustee; over the demo data the secretariat's three
    coordinators are, with the demo's passphrases, and any two of them open it.
    """
    from juntos.network.models import TrusteeKey

    vote = services.vote_close(actor=personas.ben, vote=vote, reason=reason)
    if vote.is_secret:
        known = _known_passphrases()
        for key in TrusteeKey.objects.select_related("user").order_by("pk"):
            vote.refresh_from_db()
            if vote.counted:
                break
            passphrase = TRUSTEE_PASSPHRASE
            if not _opens(key, passphrase):
                passphrase = known.get(key.user.email or "", passphrase)
            try:
                vote = services.tally_share_open(actor=key.user, vote=vote, passphrase=passphrase)
            except (ValidationError, PermissionDenied):
                continue  # not a trustee of this vote
    vote.refresh_from_db()
    return vote


def _opens(key: Any, passphrase: str) -> bool:
    from juntos.network.services.trustees import trustee_private_key

    try:
        trustee_private_key(key, passphrase)
    except ValidationError:
        return False
    return True


def make_vote(
    personas: Any,
    *,
    secret: bool = True,
    threshold: str = Threshold.SIMPLE_MAJORITY,
    quorum: int = 50,
    proxies: bool = False,
    poll: str = "motion",
    options: list[str] | None = None,
    closes_on: Any = None,
) -> Any:
    recommendation = make_recommendation(personas, stage="on-agenda")
    if secret:
        make_trustee(personas.ben)
    return services.vote_open(
        actor=None,
        recommendation=recommendation,
        ballot_kind=BallotKind.SECRET if secret else BallotKind.OPEN,
        threshold=threshold,
        quorum_percent=quorum,
        allow_proxies=proxies,
        poll_kind=poll,
        options=options,
        closes_on=closes_on,
    )
