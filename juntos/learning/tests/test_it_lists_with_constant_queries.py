"""Every list page and list endpoint of the learning app keeps its query count flat."""

from __future__ import annotations

from django.utils import timezone

from juntos.learning.choices import EnrolmentStatus
from juntos.learning.models import DocumentShare, Enrolment, ProfileGrant, WorkerProfile
from juntos.learning.services import document_upload, workshop_attendee_add
from juntos.learning.tests.factories import CourseFactory, SessionFactory, WorkshopFactory
from juntos.testing.queries import assert_queries_do_not_grow


def _enrol_rosa(personas, provider, n):
    for _ in range(n):
        session = SessionFactory.create(
            course=CourseFactory.create(organisation_id=provider.organisation.pk)
        )
        Enrolment.objects.create(
            session=session,
            user=personas.rosa,
            status=EnrolmentStatus.ENROLLED,
            queued_at=timezone.now(),
        )


def _documents(personas, n, share_with=None):
    for i in range(n):
        document = document_upload(
            actor=personas.rosa, kind="pay-slip", title=f"Talón {i}", filename="t.txt", data=b"x",
        )  # fmt: skip
        if share_with is not None:
            DocumentShare.objects.create(
                document=document, caseworker=share_with, organisation_id=_fraser(share_with)
            )


def _fraser(user):
    return user.memberships.get().organisation_id


def test_my_courses(personas, provider):
    client = personas.client_for("rosa")
    assert_queries_do_not_grow(
        add_items=lambda n: _enrol_rosa(personas, provider, n),
        fetch=lambda: client.get("/es/learning/my/courses/"),
        limit=12,
    )


def test_my_enrolments_api(personas, provider):
    client = personas.client_for("rosa")
    assert_queries_do_not_grow(
        add_items=lambda n: _enrol_rosa(personas, provider, n),
        fetch=lambda: client.get("/api/learning/enrolments"),
        limit=6,
    )


def test_vault_and_documents_api(personas):
    client = personas.client_for("rosa")
    add = lambda n: _documents(personas, n, share_with=personas.amina)  # noqa: E731
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get("/es/learning/vault/"), limit=10
    )
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get("/api/learning/documents"), limit=6
    )


def test_documents_shared_with_a_caseworker(personas):
    client = personas.client_for("amina")
    assert_queries_do_not_grow(
        add_items=lambda n: _documents(personas, n, share_with=personas.amina),
        fetch=lambda: client.get("/en/learning/vault/shared-with-me/"),
        limit=10,
    )


def test_advisees(personas):
    org = _fraser(personas.amina)

    def add(n):
        for i in range(n):
            profile = WorkerProfile.objects.create(display_name=f"Worker {i}")
            ProfileGrant.objects.create(profile=profile, organisation_id=org)

    client = personas.client_for("amina")
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get("/en/learning/people/"), limit=10
    )


def test_workshops_and_attendees(personas):
    org = _fraser(personas.amina)
    workshop = WorkshopFactory.create(organisation_id=org)
    counter = iter(range(1000))

    def add_workshops(n):
        for _ in range(n):
            WorkshopFactory.create(organisation_id=org)

    def add_attendees(n):
        for _ in range(n):
            i = next(counter)
            workshop_attendee_add(
                actor=personas.amina,
                workshop=workshop,
                display_name=f"W{i}",
                phone=f"+5295100{i:05d}",
            )

    client = personas.client_for("amina")
    assert_queries_do_not_grow(
        add_items=add_workshops, fetch=lambda: client.get("/en/learning/workshops/"), limit=10
    )
    assert_queries_do_not_grow(
        add_items=add_attendees,
        fetch=lambda: client.get(f"/en/learning/workshops/{workshop.pk}/"),
        limit=10,
        rows=lambda response: response.content.decode().count('name="attended"'),
    )


def test_roster(personas):
    org = _fraser(personas.amina)
    session = SessionFactory.create(course=CourseFactory.create(organisation_id=org), capacity=50)
    people = iter(list(personas.people.values()))

    def add(n):
        for _ in range(n):
            user = next(people, None) or _new_worker()
            Enrolment.objects.create(
                session=session,
                user=user,
                status=EnrolmentStatus.ENROLLED,
                queued_at=timezone.now(),
            )

    client = personas.client_for("amina")
    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get(f"/en/learning/sessions/{session.pk}/roster/"),
        limit=10,
    )


_made = iter(range(1000))


def _new_worker():
    from juntos.accounts.services import person_create

    i = next(_made)
    return person_create(
        actor=None, display_name=f"N{i}", password="x-pass-123456", phone=f"+1604555{i:04d}",
        language="es", channel="sms",
    )  # fmt: skip


def test_profile_page_fetches_everything_in_a_fixed_number_of_queries(personas, provider):
    """Her profile and plan: languages, seasons, skills, objectives (done by a completed course
    or not), workshops and the courses the plan can link to, however many of each."""
    from juntos.learning.models import CompletionRecord, WorkshopAttendance
    from juntos.learning.services import (
        objective_add,
        profile_language_add,
        profile_start,
        season_add,
        skill_add,
    )

    rosa = personas.rosa
    profile = profile_start(actor=rosa)
    counter = iter(range(1000))
    org = provider.organisation.pk

    def add(n):
        for _ in range(n):
            i = next(counter)
            profile_language_add(actor=rosa, profile=profile, language=f"L{i}", level="beginner")
            season_add(
                actor=rosa, profile=profile, employer_name=f"Farm {i}", province="BC",
                program="sawp-mx", started_on=timezone.localdate(), ended_on=None,
            )  # fmt: skip
            skill_add(actor=rosa, profile=profile, occupation="", description=f"S{i}", years=2)
            session = SessionFactory.create(course=CourseFactory.create(organisation_id=org))
            Enrolment.objects.create(
                session=session, user=rosa, status=EnrolmentStatus.ENROLLED,
                queued_at=timezone.now(),
            )  # fmt: skip
            objective_add(
                actor=rosa, profile=profile, title=f"O{i}",
                target_on=timezone.localdate(), course_id=session.course_id,
            )  # fmt: skip
            if i % 2:
                CompletionRecord.objects.create(
                    user=rosa, course=session.course, session_id_at_completion=session.pk,
                    organisation_id=org, course_title="T", topic=session.course.topic,
                    rule="attendance", completed_on=timezone.localdate(),
                )  # fmt: skip
            WorkshopAttendance.objects.create(
                workshop=WorkshopFactory.create(organisation_id=org), profile=profile
            )

    client = personas.client_for("rosa")
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get("/en/learning/profile/"), limit=14
    )
    page = client.get("/en/learning/profile/").content.decode()
    assert "5 of 10 objectives done." in page  # the completed courses count as done
