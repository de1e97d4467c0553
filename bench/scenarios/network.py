"""Network: 500 members, already signed in, each cast one ballot in a secret plenary vote.

Budget (issue 7): no errors, p99 at most 500 ms, the whole vote within two minutes, and the
number of stored ballots equals the number of successful responses. Each ballot is encrypted
as it arrives (the vote's key is dealt to the coordinators who are trustees, two bench ones
among them); after the run the check closes the vote, opens the count with the two bench
trustees' passphrases and compares the totals with what was cast.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bench.api import Budget, Request, Scenario, login_sessions

VOTERS = 500
WARMUP = 10
TRUSTEE_PASSPHRASE = "bench trustee passphrase"
CHOICES = ("yes", "no", "abstain")


def prepare() -> dict[str, Any]:
    users = _make_voters(VOTERS + WARMUP)
    trustees = _make_trustees()
    return {
        "vote_id": _open_vote(users[0]),
        "sessions": login_sessions(users),
        "trustee_ids": [t.pk for t in trustees],
    }


def _make_trustees() -> list[Any]:
    from juntos.accounts.models import User
    from juntos.accounts.services import membership_grant, organisation_create
    from juntos.network import services

    secretariat = organisation_create(
        actor=None, name="Bench secretariat", kind="network-secretariat", slug="bench-secretariat"
    )
    trustees = []
    for n in (1, 2):
        user = User.objects.create(
            email=f"bench-trustee-{n}@example.org", display_name=f"Bench trustee {n}", password="!"
        )
        membership_grant(actor=None, user=user, organisation=secretariat, role="coordinator")
        user = User.objects.get(pk=user.pk)
        services.trustee_key_set(actor=user, passphrase=TRUSTEE_PASSPHRASE)
        trustees.append(user)
    return trustees


def _make_voters(count: int) -> list[Any]:
    from juntos.accounts.models import User
    from juntos.network.models import NetworkMember

    User.objects.bulk_create(
        [
            User(
                email=f"bench-voter-{i}@example.org",
                display_name=f"Bench voter {i}",
                password="!",
                sector="migrant-worker" if i % 3 == 0 else "civil-society",
                preferred_language="es" if i % 2 else "en",
            )
            for i in range(count)
        ]
    )
    users = list(User.objects.filter(email__startswith="bench-voter-").order_by("id"))
    NetworkMember.objects.bulk_create(
        [NetworkMember(user=u, kind="person", name=u.display_name, sector=u.sector) for u in users]
    )
    return users


def _open_vote(chair_user: Any) -> int:
    from django.utils import timezone

    from juntos.network import services
    from juntos.network.models import NetworkMember

    chair = NetworkMember.objects.get(user=chair_user)
    group = services.group_create(
        actor=None, name="Bench group", mandate="Load.", co_chairs=[chair]
    )
    recommendation = services.recommendation_draft(
        actor=chair_user, group=group, title="Bench recommendation", body="Text."
    )
    # The chair is the group's only member: her answer is the group's decision.
    services.recommendation_answer(actor=chair_user, recommendation=recommendation, agrees=True)
    starts = timezone.now() + dt.timedelta(days=1)
    plenary = services.meeting_create(
        actor=None,
        group=None,
        title="Bench plenary",
        meeting_format="online",
        online_url="https://meet.example.org/bench",
        options=[(starts, starts + dt.timedelta(hours=2))],
    )
    services.meeting_schedule(actor=None, meeting=plenary, option_id=plenary.poll_options.get().pk)
    services.recommendation_put_on_agenda(
        actor=None, recommendation=recommendation, meeting=plenary
    )
    vote = services.vote_open(
        actor=None,
        recommendation=recommendation,
        ballot_kind="secret",
        threshold="simple-majority",
        quorum_percent=50,
    )
    return vote.pk


def _ballot(i: int, state: dict[str, Any]) -> Request:
    return Request(
        f"/en/network/votes/{state['vote_id']}/ballot/",
        method="POST",
        form={"choice": CHOICES[i % 3]},
        session=state["sessions"][i],
        expect=(200,),
    )


def _ballots_match(outcome: Any, state: dict[str, Any]) -> list[str]:
    from juntos.network.models import Ballot, Participation

    stored = Ballot.objects.filter(vote_id=state["vote_id"]).count()
    voted = Participation.objects.filter(vote_id=state["vote_id"]).count()
    answered = outcome.ok + outcome.warmup_ok
    problems = []
    if stored != answered:
        problems.append(f"{stored} ballots stored but {answered} successful responses")
    if stored != voted:
        problems.append(f"{stored} ballots but {voted} participations")
    if not problems:
        problems += _count_matches(state, stored)
    return problems


def _count_matches(state: dict[str, Any], stored: int) -> list[str]:
    from juntos.accounts.models import User
    from juntos.network import services
    from juntos.network.models import Vote

    # Which requests succeeded is not known here, only how many: the totals must add up to
    # them, and no choice may get more ballots than were sent for it.
    vote = services.vote_close(actor=None, vote=Vote.objects.get(pk=state["vote_id"]))
    # Two trustees open any vote: 2 of 2, or 2 of the 3 or more there are.
    for trustee in User.objects.filter(pk__in=state["trustee_ids"]):
        vote = services.tally_share_open(actor=trustee, vote=vote, passphrase=TRUSTEE_PASSPHRASE)
    sent = [sum(1 for i in range(VOTERS + WARMUP) if i % 3 == c) for c in range(3)]
    counted = [vote.yes_count, vote.no_count, vote.abstain_count]
    if (
        not vote.counted
        or sum(counted) != stored
        or any(c > s for c, s in zip(counted, sent, strict=True))
    ):
        return [f"the count {counted} does not match {stored} stored ballots (sent {sent})"]
    return []


SCENARIOS = [
    Scenario(
        "network.vote",
        request=_ballot,
        count=VOTERS,
        warmup=WARMUP,
        concurrency=4,
        max_seconds=120,
        budget=Budget(p99_ms=500, max_seconds=120),
        check=_ballots_match,
    ),
]
