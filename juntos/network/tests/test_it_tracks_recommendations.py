"""Recommendations: drafts stay in the group, revisions are kept, adoption is tracked."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from juntos.monitoring.selectors import fact_table
from juntos.network import services
from juntos.network.tests.factories import (
    close_and_count,
    endorse,
    make_members,
    make_recommendation,
    make_vote,
)


def test_a_draft_is_seen_only_by_its_group_and_the_coordinator(personas, client_as):
    draft = make_recommendation(personas)
    url = f"/en/network/recommendations/{draft.pk}/"
    for key in ("rosa", "carl", "amina", "ben"):
        assert client_as(key).get(url).status_code == 200, key
    for key in ("rita", "ines", "dana"):  # members outside the group, and the outsider
        assert client_as(key).get(url).status_code == 404, key
    endorse(personas, draft)
    assert client_as("ines").get(url).status_code == 200
    assert client_as("dana").get(url).status_code == 404


def test_revisions_and_comments_are_kept(personas):
    draft = make_recommendation(personas)
    services.recommendation_revise(
        actor=personas.amina, recommendation=draft, title="Line", body="Night too", note="hours"
    )
    services.comment_add(actor=personas.carl, subject=draft, body="Who pays?")
    assert list(draft.revisions.values_list("number", "body")) == [
        (2, "Night too"),
        (1, "Answer in Spanish."),
    ]
    assert draft.comments.get().author == make_members(personas)["carl"]
    with pytest.raises(PermissionDenied):
        services.recommendation_revise(
            actor=personas.rita, recommendation=draft, title="x", body="y"
        )


def test_once_the_group_endorses_the_text_is_fixed(personas):
    draft = endorse(personas, make_recommendation(personas))
    assert draft.status == "endorsed"
    with pytest.raises(PermissionDenied):
        services.recommendation_revise(
            actor=personas.rosa, recommendation=draft, title="x", body="y"
        )


def test_adoption_is_tracked_and_can_feed_a_funding_call(personas, client_as):
    vote = make_vote(personas)
    recommendation = vote.recommendation
    with pytest.raises(ValidationError):
        services.recommendation_track(
            actor=personas.ben,
            recommendation=recommendation,
            responsible_body="x",
            implementation_status="in-progress",
            progress=10,
            funding_call_input=True,
        )
    for key in ("rosa", "amina", "ines"):
        services.ballot_cast(actor=getattr(personas, key), vote=vote, choice="yes")
    close_and_count(personas, vote)
    recommendation.refresh_from_db()
    ben = client_as("ben")
    response = ben.post(
        f"/en/network/recommendations/{recommendation.pk}/tracking/",
        {
            "responsible_body": "Ministry of Labour",
            "implementation_status": "in-progress",
            "progress": "35",
            "funding_call_input": "on",
        },
    )
    assert response.status_code == 302
    ben.post(
        f"/en/network/recommendations/{recommendation.pk}/milestones/",
        {"title": "Line staffed", "due_on": "2027-01-15"},
    )
    recommendation.refresh_from_db()
    assert (recommendation.progress, recommendation.funding_call_input) == (35, True)
    page = client_as("rita").get("/en/network/decisions/").content.decode()
    assert "Ministry of Labour" in page and "35% done" in page
    detail = client_as("rosa").get(f"/en/network/recommendations/{recommendation.pk}/")
    assert "Line staffed" in detail.content.decode()
    assert "input to a future funding call" in detail.content.decode()
    adopted = fact_table("network.recommendation-adopted", threshold=0)
    assert [c.count for c in adopted] == [1]


def test_progress_out_of_range_is_refused_with_a_reason(personas, client_as):
    vote = make_vote(personas)
    for key in ("rosa", "amina", "ines"):
        services.ballot_cast(actor=getattr(personas, key), vote=vote, choice="yes")
    close_and_count(personas, vote)
    response = client_as("ben").post(
        f"/en/network/recommendations/{vote.recommendation_id}/tracking/",
        {"responsible_body": "Kept", "implementation_status": "done", "progress": "140"},
    )
    assert response.status_code == 200
    assert response.context["tracking_form"].errors["progress"]
    assert response.context["tracking_form"].data["responsible_body"] == "Kept"


def test_funding_inputs_are_offered_to_the_funding_program(personas):
    from juntos.network.selectors import funding_call_inputs

    vote = make_vote(personas)
    for key in ("rosa", "amina", "ines"):
        services.ballot_cast(actor=getattr(personas, key), vote=vote, choice="yes")
    close_and_count(personas, vote)
    recommendation = vote.recommendation
    recommendation.refresh_from_db()
    assert funding_call_inputs() == []
    services.recommendation_track(
        actor=personas.ben,
        recommendation=recommendation,
        responsible_body="",
        implementation_status="not-started",
        progress=0,
        funding_call_input=True,
    )
    assert [ref.title for ref in funding_call_inputs()] == ["Emergency line"]
