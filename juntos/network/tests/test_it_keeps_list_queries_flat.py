"""Every list page and list endpoint runs the same number of queries however long it is."""

from __future__ import annotations

from typing import Any

from juntos.network import services
from juntos.network.tests.factories import (
    close_and_count,
    endorse,
    make_group,
    make_meeting,
    make_members,
    make_trustee,
    slot,
)
from juntos.testing.queries import assert_queries_do_not_grow


def _adopt(personas: Any, group: Any, plenary: Any, n: int) -> None:
    recommendation = services.recommendation_draft(
        actor=personas.rosa, group=group, title=f"Rec {n}", body="Text"
    )
    endorse(personas, recommendation)
    services.recommendation_put_on_agenda(
        actor=None, recommendation=recommendation, meeting=plenary
    )
    make_trustee(personas.ben)
    vote = services.vote_open(
        actor=None,
        recommendation=recommendation,
        ballot_kind="secret",
        threshold="simple-majority",
        quorum_percent=0,
    )
    services.ballot_cast(actor=personas.rosa, vote=vote, choice="yes")
    close_and_count(personas, vote)
    recommendation.refresh_from_db()
    services.milestone_add(actor=None, recommendation=recommendation, title="Step", due_on=None)


def _adder(personas: Any, group: Any = None) -> Any:
    group = group or make_group(personas)
    plenary = make_meeting(personas)
    counter = iter(range(1000))

    def add(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            _adopt(personas, group, plenary, i)
            meeting = services.meeting_create(
                actor=None,
                group=group if i % 2 else None,
                title=f"Meeting {i}",
                meeting_format="online",
                online_url="https://meet.example.org/m",
                options=[slot(3 + i)],
            )
            if i % 3:
                services.meeting_schedule(
                    actor=None, meeting=meeting, option_id=meeting.poll_options.get().pk
                )

    return add


def _check(personas: Any, client: Any, url: str, limit: int, group: Any = None) -> None:
    assert_queries_do_not_grow(
        add_items=_adder(personas, group), fetch=lambda: client.get(url), limit=limit
    )


def test_index_page(personas, client_as):
    make_members(personas)
    _check(personas, client_as("rosa"), "/en/network/", 14)


def test_recommendations_page(personas, client_as):
    make_members(personas)
    _check(personas, client_as("rita"), "/en/network/recommendations/", 10)


def test_decisions_page(personas, client_as):
    make_members(personas)
    _check(personas, client_as("ines"), "/en/network/decisions/", 10)


def test_group_page(personas, client_as):
    make_members(personas)
    group = make_group(personas)
    # The rows go to the group the page shows, or the page could not show them growing.
    _check(personas, client_as("ben"), f"/en/network/groups/{group.pk}/", 16, group)


def test_meetings_endpoint(personas, client_as):
    make_members(personas)
    _check(personas, client_as("amina"), "/api/network/meetings", 8)


def test_recommendations_endpoint(personas, client_as):
    make_members(personas)
    _check(personas, client_as("carl"), "/api/network/recommendations", 8)


def test_results_endpoint(personas, client):
    make_members(personas)
    _check(personas, client, "/api/network/results", 4)


def test_outsider_index_page(personas, client_as):
    make_members(personas)
    _check(personas, client_as("dana"), "/en/network/", 8)


def test_ranked_vote_page_with_its_options_rounds_and_reasons(personas, client_as):
    # Each fetch shows a new counted vote with more voters (each giving a reason), options
    # and rounds: the electorate and options of a vote are fixed once it opens.
    from juntos.network.tests.factories import MemberFactory, make_vote

    make_members(personas)
    shown: dict[str, Any] = {}

    def add(n: int) -> None:
        voters: list[Any] = [MemberFactory() for _ in range(n + len(shown.get("voters", [])))]
        options = [f"Option {i}" for i in range(min(len(voters) + 1, 10))]
        vote = make_vote(personas, secret=False, poll="ranked", options=options, quorum=0)
        for i, member in enumerate(voters):
            services.ballot_cast(
                actor=member.user, vote=vote, ranking=[i % len(options)], reason=f"Why {i}"
            )
        shown.update(voters=voters, vote=close_and_count(personas, vote))

    client = client_as("rosa")
    client.get("/en/network/")  # the session is written once, before counting
    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get(f"/en/network/votes/{shown['vote'].pk}/"),
        limit=40,
    )
