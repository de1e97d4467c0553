"""A meeting's day is named in the page's language ("martes", "mardi"), never in English."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import formats, timezone, translation

from juntos.network.tests import factories as f
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db

ENGLISH_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_meeting_page_and_the_list_name_the_weekday_in_the_page_language(
    personas: Any, language: str
):
    meeting = f.make_meeting(personas)
    starts = timezone.localtime(meeting.starts_at)
    with translation.override(language):
        weekday = formats.date_format(starts, "l")
    assert weekday.capitalize() not in ENGLISH_DAYS  # Django's catalogue names it
    rosa = logged_in_client(personas.rosa)
    page = rosa.get(f"/{language}/network/meetings/{meeting.pk}/").content.decode()
    assert weekday.capitalize() in page
    listing = rosa.get(f"/{language}/network/").content.decode()
    assert weekday in listing
    for day in ENGLISH_DAYS:
        assert day not in page and day not in listing
