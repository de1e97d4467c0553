"""A rush on the catalogue costs one search a few seconds, and a change is never hidden long:
this process forgets at once, another process within CATALOGUE_MEMORY_SECONDS."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from juntos.core import memory
from juntos.learning import selectors
from juntos.learning.models import Session
from juntos.learning.services.courses import enrolment_create
from juntos.learning.tests.factories import CourseFactory, SessionFactory


def _catalogue_queries(client, path="/es/learning/"):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path).content.decode()
    return len([q for q in queries if "learning_" in q["sql"]]), page


def test_a_second_visitor_within_the_seconds_costs_no_search(personas, provider, client):
    SessionFactory.create(course=CourseFactory.create(organisation_id=provider.organisation.pk))
    first, page = _catalogue_queries(client)
    again, same = _catalogue_queries(client)
    assert first >= 3 and again == 0
    assert page.count('class="card"') == same.count('class="card"') == 1
    _fewer, french = _catalogue_queries(client, "/fr/learning/")
    assert (
        "places libres" in french and "lugares" not in french
    )  # each language written in its own words


def test_an_enrolment_here_shows_at_once(personas, provider, client):
    course = CourseFactory.create(organisation_id=provider.organisation.pk)
    session = SessionFactory.create(course=course, capacity=5)
    assert "Quedan 5 lugares" in client.get("/es/learning/").content.decode()
    enrolment_create(actor=personas.rosa, session=session)
    assert "Quedan 4 lugares" in client.get("/es/learning/").content.decode()


def test_another_process_change_shows_once_the_seconds_pass(
    personas, provider, client, monkeypatch
):
    course = CourseFactory.create(organisation_id=provider.organisation.pk)
    session = SessionFactory.create(course=course, capacity=5)
    now = [1000.0]
    monkeypatch.setattr(memory.time, "monotonic", lambda: now[0])
    assert "Quedan 5 lugares" in client.get("/es/learning/").content.decode()
    # Another process's write: no signal reaches this one.
    Session.objects.filter(pk=session.pk).update(capacity=3)
    assert "Quedan 5 lugares" in client.get("/es/learning/").content.decode()
    now[0] += selectors.CATALOGUE_MEMORY_SECONDS
    assert "Quedan 3 lugares" in client.get("/es/learning/").content.decode()


def test_a_memory_keeps_at_most_its_keys():
    kept: memory.ShortMemory[int] = memory.ShortMemory(seconds=60, most=2)
    for n in range(3):
        kept.put(n, n)
    assert kept.get(0) is None and kept.get(1) == 1 and kept.get(2) == 2
    memory.forget_everything()
    assert kept.get(2) is None
