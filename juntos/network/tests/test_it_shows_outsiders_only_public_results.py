"""Outsiders (dana, the operator) see what the network is and its public results, no more."""

from __future__ import annotations

from juntos.network import services
from juntos.network.tests.factories import close_and_count, make_meeting, make_vote


def test_dana_sees_public_results_but_no_meeting_or_open_vote(personas, client_as):
    closed = make_vote(personas)
    for key in ("rosa", "amina", "ines"):
        services.ballot_cast(actor=getattr(personas, key), vote=closed, choice="yes")
    close_and_count(personas, closed)
    meeting = make_meeting(personas)
    page = client_as("dana").get("/en/network/").content.decode()
    assert "You are not a member of the network" in page
    assert "Emergency line" in page and "yes 3, no 0, abstain 0" in page
    assert meeting.title not in page
    assert client_as("dana").get(f"/en/network/meetings/{meeting.pk}/").status_code == 404
    assert client_as("admin").get(f"/en/network/votes/{closed.pk}/").status_code == 404
