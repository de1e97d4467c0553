"""Enrolment with a capacity and a waiting list that promotes the next person automatically."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juntos.accounts.services import person_create
from juntos.core.models import AuditEntry
from juntos.learning.choices import EnrolmentStatus
from juntos.learning.models import Enrolment
from juntos.learning.services import enrolment_create, enrolment_withdraw
from juntos.learning.tests.factories import SessionFactory, today
from juntos.monitoring.selectors import fact_table
from juntos.testing.outbox import outbox_one


def _workers(n: int) -> list[Any]:
    return [
        person_create(
            actor=None,
            display_name=f"Worker {i}",
            password="x-pass-123456",
            phone=f"+1250555{i:04d}",
            language="es",
            channel="sms",
        )
        for i in range(n)
    ]


def test_a_full_session_puts_people_on_the_waiting_list_in_order(personas, course):
    session = SessionFactory.create(course=course, capacity=1)
    first, second, third = _workers(3)
    assert enrolment_create(actor=first, session=session).status == EnrolmentStatus.ENROLLED
    assert enrolment_create(actor=second, session=session).status == EnrolmentStatus.WAITLISTED
    assert enrolment_create(actor=third, session=session).status == EnrolmentStatus.WAITLISTED

    enrolment_withdraw(actor=first, enrolment=Enrolment.objects.get(user=first))

    statuses = dict(Enrolment.objects.values_list("user_id", "status"))
    assert statuses[second.pk] == EnrolmentStatus.ENROLLED  # she waited longest
    assert statuses[third.pk] == EnrolmentStatus.WAITLISTED
    assert AuditEntry.objects.filter(action="learning.promoted_from_waitlist").count() == 1
    waited = fact_table("learning.waitlisted", group_by=("sector",), threshold=1)
    assert [(c.dimensions, c.count) for c in waited] == [({"sector": "migrant-worker"}, 2)]
    enrolled = fact_table("learning.enrolment", group_by=("outcome",), threshold=1)
    assert {c.dimensions["outcome"]: c.count for c in enrolled} == {"enrolled": 1, "promoted": 1}


def test_the_promoted_person_is_told_in_her_language(
    personas, course, django_capture_on_commit_callbacks
):
    session = SessionFactory.create(course=course, capacity=1)
    holder, waiting = _workers(2)
    enrolment_create(actor=holder, session=session)
    enrolment_create(actor=waiting, session=session)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(actor=holder, enrolment=Enrolment.objects.get(user=holder))
    message = outbox_one(waiting.phone)
    assert message.channel == "sms"
    assert "se liberó un lugar" in message.body
    assert "Inglés para el trabajo" in message.body  # the course title in Spanish


def test_leaving_the_waiting_list_promotes_nobody(personas, course):
    session = SessionFactory.create(course=course, capacity=1)
    holder, waiting = _workers(2)
    enrolment_create(actor=holder, session=session)
    enrolment_create(actor=waiting, session=session)
    enrolment_withdraw(actor=waiting, enrolment=Enrolment.objects.get(user=waiting))
    assert Enrolment.objects.get(user=holder).status == EnrolmentStatus.ENROLLED
    assert not AuditEntry.objects.filter(action="learning.promoted_from_waitlist").exists()


def test_enrolment_only_while_the_window_is_open(personas, course):
    closed = SessionFactory.create(
        course=course,
        enrolment_opens=today() - dt.timedelta(days=30),
        enrolment_closes=today() - dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        enrolment_create(actor=personas.rosa, session=closed)
    response = personas.client_for("rosa").post(f"/es/learning/sessions/{closed.pk}/enrol/")
    assert response.status_code == 302
    assert not Enrolment.objects.exists()


def test_enrolling_twice_keeps_one_place(personas, course):
    session = SessionFactory.create(course=course, capacity=2)
    enrolment_create(actor=personas.rosa, session=session)
    enrolment_create(actor=personas.rosa, session=session)
    assert Enrolment.objects.filter(user=personas.rosa).count() == 1


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    capacity=st.integers(min_value=1, max_value=3),
    steps=st.lists(st.tuples(st.booleans(), st.integers(min_value=0, max_value=5)), max_size=20),
)
def test_places_never_exceed_capacity_and_nobody_waits_beside_a_free_place(
    personas, course, capacity, steps
):
    Enrolment.objects.all().delete()
    session = SessionFactory.create(course=course, capacity=capacity)
    people = list(personas.people.values())[:6]
    for join, index in steps:
        person = people[index]
        mine = Enrolment.objects.filter(session=session, user=person).first()
        if join:
            enrolment_create(actor=person, session=session)
        elif mine is not None:
            enrolment_withdraw(actor=person, enrolment=mine)
        holding = session.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
        waiting = session.enrolments.filter(status=EnrolmentStatus.WAITLISTED).count()
        assert holding <= capacity
        assert waiting == 0 or holding == capacity
