"""Pages with several forms never repeat an id, so every label points at its own input."""

from __future__ import annotations

import re
from collections import Counter

from juntos.network import services
from juntos.network.models import Comment, Minutes
from juntos.network.tests.factories import make_meeting, make_recommendation


def _duplicate_ids(html: str) -> list[str]:
    return [i for i, n in Counter(re.findall(r'\bid="([^"]+)"', html)).items() if n > 1]


def test_meeting_and_recommendation_pages_have_unique_ids(personas, client_as):
    meeting = make_meeting(personas, days=-1)
    services.registration_save(actor=personas.rosa, meeting=meeting)
    draft = make_recommendation(personas)
    ben, rosa = client_as("ben"), client_as("rosa")
    assert _duplicate_ids(ben.get(f"/en/network/meetings/{meeting.pk}/").content.decode()) == []
    page = rosa.get(f"/en/network/recommendations/{draft.pk}/").content.decode()
    assert _duplicate_ids(page) == []


def test_prefixed_forms_still_post(personas, client_as):
    meeting = make_meeting(personas)
    draft = make_recommendation(personas)
    ben = client_as("ben")
    ben.post(
        f"/en/network/meetings/{meeting.pk}/minutes/",
        {"minutes-language": "fr", "minutes-body": "Procès-verbal"},
    )
    client_as("rosa").post(
        f"/en/network/recommendations/{draft.pk}/comment/", {"comment-body": "De acuerdo"}
    )
    assert Minutes.objects.get(meeting=meeting).language == "fr"
    assert Comment.objects.get(recommendation=draft).body == "De acuerdo"
