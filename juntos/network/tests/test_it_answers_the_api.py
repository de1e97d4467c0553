"""The API: meetings and recommendations for members, results for everyone once closed."""

from __future__ import annotations

from juntos.network import services
from juntos.network.tests.factories import (
    close_and_count,
    make_meeting,
    make_recommendation,
    make_vote,
)


def test_meetings_show_agenda_and_interpretation(personas, client_as):
    meeting = make_meeting(personas)
    services.interpreter_assign(actor=None, meeting=meeting, language="es", interpreter_name="L")
    rosa = client_as("rosa")
    listed = rosa.get("/api/network/meetings").json()
    assert [m["title"] for m in listed] == ["Plenary"] and listed[0]["body"] == "plenary"
    detail = rosa.get(f"/api/network/meetings/{meeting.pk}").json()
    assert detail["agenda"][0] == {"position": 0, "kind": "worker-voices", "title": "Worker voices"}
    assert detail["interpretation_languages"] == ["es"]


def test_recommendations_hide_other_groups_drafts(personas, client_as):
    draft = make_recommendation(personas)
    assert [r["id"] for r in client_as("rosa").get("/api/network/recommendations").json()] == [
        draft.pk
    ]
    assert client_as("ines").get("/api/network/recommendations").json() == []
    assert client_as("ines").get(f"/api/network/recommendations/{draft.pk}").status_code == 404


def test_a_draft_shows_its_support_amendments_and_the_groups_answers(personas, client_as):
    draft = make_recommendation(personas)
    services.recommendation_support(actor=personas.amina, recommendation=draft)
    services.amendment_propose(
        actor=personas.ben,
        recommendation=draft,
        texts={"en": ("Emergency line", "Answer at night too.")},
        reason="Nights",
    )
    services.recommendation_answer(actor=personas.carl, recommendation=draft, agrees=False)
    found = client_as("rosa").get(f"/api/network/recommendations/{draft.pk}").json()
    assert (found["supports"], found["pending_amendments"]) == (1, 1)
    assert found["decision"] == {
        "revision": 1,
        "members": 3,
        "needed": 2,
        "agree": 0,
        "disagree": 1,
    }


def test_results_are_public_once_closed(personas, client):
    vote = make_vote(personas, quorum=100)
    services.ballot_cast(actor=personas.rosa, vote=vote, choice="yes")
    assert client.get("/api/network/results").json() == []
    close_and_count(personas, vote)
    (result,) = client.get("/api/network/results").json()
    assert (result["yes"], result["electorate"], result["quorum_met"], result["carried"]) == (
        1,
        6,
        False,
        False,
    )
