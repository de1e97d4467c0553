"""Network: 500 members, already signed in, each cast one ballot in a secret plenary vote.

Budget (issue 7): no errors, p99 at most 500 ms, the whole vote within two minutes, and the
number of stored ballots equals the number of successful responses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bench.api import Budget, Request, Scenario, login_sessions

VOTERS = 500
WARMUP = 10


def prepare() -> dict[str, Any]:
    users = _make_voters(VOTERS + WARMUP)
    return {"vote_id": _open_vote(users[0]), "sessions": login_sessions(users)}


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
    services.recommendation_endorse(actor=chair_user, recommendation=recommendation)
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
        form={"choice": ("yes", "no", "abstain")[i % 3]},
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
    return problems


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
