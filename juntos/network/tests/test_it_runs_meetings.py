"""Meetings: the poll, the worker voices item, interpretation, attendance and calendars."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from icalendar import Calendar

from juntos.monitoring.selectors import fact_table
from juntos.network import services
from juntos.network.models import AgendaItem
from juntos.network.tests.factories import make_group, make_meeting, make_members, slot


def test_migrant_workers_availability_is_counted_apart(personas, client_as):
    meeting = make_meeting(personas, scheduled=False)
    first = meeting.poll_options.earliest("starts_at")
    for key in ("rosa", "amina", "carl"):
        services.availability_set(
            actor=getattr(personas, key), meeting=meeting, option_ids=[first.pk]
        )
    rows = client_as("ben").get(f"/en/network/meetings/{meeting.pk}/").context["poll_rows"]
    assert [(r.workers, r.others) for r in rows] == [(1, 2), (0, 0)]


def test_the_agenda_always_opens_with_worker_voices(personas):
    meeting = make_meeting(personas)
    services.agenda_item_add(actor=personas.ben, meeting=meeting, title="Budget")
    assert list(meeting.agenda.values_list("position", "kind")) == [
        (0, "worker-voices"),
        (1, "other"),
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.filter(meeting=meeting, position=0).update(kind="other")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, position=5, kind="worker-voices", title="x")


def test_a_requested_language_without_interpreter_warns_the_coordinator(personas, client_as):
    meeting = make_meeting(personas)
    services.registration_save(actor=personas.rosa, meeting=meeting, interpretation_language="es")
    services.registration_save(actor=personas.ines, meeting=meeting, interpretation_language="fr")
    services.interpreter_assign(
        actor=personas.ben, meeting=meeting, language="fr", interpreter_name="Marc"
    )
    page = client_as("ben").get(f"/en/network/meetings/{meeting.pk}/")
    assert page.context["missing_languages"] == ["Spanish"]
    assert "Some requested languages have no interpreter yet" in page.content.decode()
    # Members do not see the coordinator's panel.
    assert (
        "missing_languages" in client_as("rosa").get(f"/en/network/meetings/{meeting.pk}/").context
    )
    assert (
        "Assign the interpreter"
        not in client_as("rosa").get(f"/en/network/meetings/{meeting.pk}/").content.decode()
    )


def test_only_the_coordinator_runs_meetings(personas):
    meeting = make_meeting(personas, scheduled=False)
    with pytest.raises(PermissionDenied):
        services.meeting_schedule(
            actor=personas.rosa, meeting=meeting, option_id=meeting.poll_options.first().pk
        )
    with pytest.raises(PermissionDenied):
        services.interpreter_assign(
            actor=personas.dana, meeting=meeting, language="es", interpreter_name="X"
        )


def test_bad_meeting_input_is_explained_not_crashed(personas, client_as):
    make_members(personas)
    response = client_as("ben").post(
        "/en/network/meetings/new/",
        {"title": "Plenary", "format": "in-person", "location": "", "day_1": "not a day"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors and form.data["title"] == "Plenary"
    with pytest.raises(ValidationError):
        services.meeting_create(
            actor=None,
            group=None,
            title="x",
            meeting_format="online",
            online_url="",
            options=[slot(1)],
        )


def test_ics_and_private_feed(personas, client_as):
    meeting = make_meeting(personas)
    services.registration_save(actor=personas.rosa, meeting=meeting)
    rosa = client_as("rosa")
    made = rosa.post("/en/network/calendar/")
    feed_url = made.context["feed_url"]
    assert "/calendar/" in feed_url
    from django.test import Client

    feed = Client().get(feed_url.replace("http://testserver", ""))
    assert feed.status_code == 200
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [meeting.title]
    assert Client().get("/en/network/calendar/wrong-token/feed.ics").status_code == 404
    # A new link replaces the old one.
    rosa.post("/en/network/calendar/")
    assert Client().get(feed_url.replace("http://testserver", "")).status_code == 404


def test_a_held_meeting_records_coarse_facts(personas, django_capture_on_commit_callbacks):
    group = make_group(personas)
    meeting = make_meeting(personas, group=group, days=-1)
    members = make_members(personas)
    services.registration_save(actor=personas.rosa, meeting=meeting, interpretation_language="es")
    services.registration_save(actor=personas.carl, meeting=meeting)
    services.interpreter_assign(actor=None, meeting=meeting, language="es", interpreter_name="L")
    services.meeting_record_held(
        actor=personas.ben,
        meeting=meeting,
        attended_member_ids=[members["rosa"].pk, members["carl"].pk],
    )
    held = fact_table("network.meeting-held", group_by=("category", "outcome"), threshold=0)
    attendance = fact_table("network.attendance", group_by=("sector",), threshold=0)
    interpreted = fact_table("network.interpretation-provided", group_by=("language",), threshold=0)
    assert [(c.dimensions, c.count) for c in held] == [
        ({"category": "hybrid", "outcome": "working-group"}, 1)
    ]
    assert sorted((c.dimensions["sector"], c.count) for c in attendance) == [
        ("employer", 1),
        ("migrant-worker", 1),
    ]
    assert [(c.dimensions["language"], c.count) for c in interpreted] == [("es", 1)]
