"""A session's days and hours are data, named in the reader's language (no "Tue and Thu" left
in English on a Spanish or French page), and old free-text notes are read into that data."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

from juntos.learning.tests.factories import SessionFactory
from juntos.learning.tests.test_it_edits_courses_and_sessions import _session_edit
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db

migration = importlib.import_module("juntos.learning.migrations.0004_session_weekdays")


@pytest.mark.parametrize(
    ("language", "expected", "english"),
    [
        ("es", "Martes y jueves, 19:00–21:00", "Tue"),
        ("fr", "Mardi et jeudi, 19:00–21:00", "Tue"),
        ("en", "Tuesday and Thursday, 7 p.m.–9 p.m.", "Tue and Thu"),
    ],
)
def test_the_course_page_names_the_days_in_its_language(
    client, course, language, expected, english
):
    session = SessionFactory.create(course=course, weekdays=[3, 1], schedule_note="")
    html = client.get(f"/{language}/learning/courses/{session.course_id}/").content.decode()
    assert expected in html
    assert english not in html.replace(expected, "")


def test_the_edit_form_stores_days_and_hours_and_refuses_unknown_days(provider, course):
    session = SessionFactory.create(course=course, weekdays=[], starts_at=None, ends_at=None)
    staff = logged_in_client(provider.staff)
    url = f"/es/learning/sessions/{session.pk}/edit/"
    page = staff.get(url).content.decode()
    assert 'type="checkbox" name="weekdays" value="5"' in page and "sábado" in page
    typed = _session_edit(schedule_note="", starts_at="09:00", ends_at="12:30")
    response = staff.post(url, {**typed, "weekdays": ["5", "6", "9"]})
    assert response.status_code == 400  # 9 is no day of the week; nothing is saved
    session.refresh_from_db()
    assert session.weekdays == []
    assert staff.post(url, {**typed, "weekdays": ["6", "5"]}).status_code == 302
    session.refresh_from_db()
    assert (session.weekdays, session.starts_at, session.ends_at) == (
        [5, 6],
        dt.time(9),
        dt.time(12, 30),
    )
    backwards = {**typed, "weekdays": ["5"], "starts_at": "12:00", "ends_at": "09:00"}
    response = staff.post(url, backwards)
    assert (
        response.status_code == 400 and "Las clases terminan después" in response.content.decode()
    )


@pytest.mark.parametrize(
    ("note", "days", "starts_at", "ends_at", "left"),
    [
        ("Tue and Thu, 19:00–21:00", [1, 3], dt.time(19), dt.time(21), ""),
        ("Sábados 9:00", [5], dt.time(9), None, ""),
        ("lundi et mercredi 18h30-20h", [0, 2], dt.time(18, 30), dt.time(20), ""),
        ("Rain days, 13:00–16:00", [], dt.time(13), dt.time(16), "Rain days"),
        ("When it rains", [], None, None, "When it rains"),
    ],
)
def test_old_notes_are_read_into_days_and_hours(note, days, starts_at, ends_at, left):
    assert migration.read_days_and_hours(note) == (days, starts_at, ends_at, left)
