"""The profile page's reads run with SQL compiled once per connection (juntos/core/compiled.py)
and give what the ORM gives: the same rows, objectives marked done by a completed course, the
workshop with each attendance, and every write seen on the next read."""

from __future__ import annotations

import pytest
from django.db.models import Exists, OuterRef
from django.utils import timezone

from juntos.learning import selectors
from juntos.learning.choices import EnrolmentStatus
from juntos.learning.models import (
    CompletionRecord,
    CourseText,
    Enrolment,
    Objective,
    WorkshopAttendance,
)
from juntos.learning.services import objective_add, profile_language_add, profile_start
from juntos.learning.tests.factories import CourseFactory, SessionFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def fields(obj):
    return {k: v for k, v in obj.__dict__.items() if not k.startswith("_")}


def test_the_profile_reads_what_the_orm_reads_and_sees_each_write(personas, provider):
    rosa, org = personas.rosa, provider.organisation.pk
    profile = profile_start(actor=rosa)
    done, open_ = (CourseFactory.create(organisation_id=org) for _ in range(2))
    for course in (done, open_):
        objective_add(
            actor=rosa, profile=profile, title=f"O{course.pk}",
            target_on=timezone.localdate(), course_id=course.pk,
        )  # fmt: skip
    CompletionRecord.objects.create(
        user=rosa, course=done, session_id_at_completion=0, organisation_id=org,
        course_title="T", topic=done.topic,
        rule="attendance", completed_on=timezone.localdate(),
    )  # fmt: skip
    WorkshopAttendance.objects.create(
        workshop=WorkshopFactory.create(organisation_id=org), profile=profile
    )
    profile_language_add(actor=rosa, profile=profile, language="English", level="beginner")

    found = selectors.profile_details_of(rosa)
    assert found is not None and found.pk == profile.pk
    completed = Exists(
        CompletionRecord.objects.filter(user_id=rosa.pk, course_id=OuterRef("course_id"))
    )
    orm = list(Objective.objects.filter(profile=profile).annotate(course_completed=completed))
    ours = list(found.objectives.all())
    assert [fields(o) for o in ours] == [fields(o) for o in orm]
    assert {o.course_id: o.course_completed for o in ours} == {done.pk: True, open_.pk: False}  # type: ignore[attr-defined]
    attendance = WorkshopAttendance.objects.select_related("workshop").get(profile=profile)
    rows = found.workshop_rows  # type: ignore[attr-defined]
    assert [fields(r.workshop) for r in rows] == [fields(attendance.workshop)]
    assert [x.language for x in found.languages.all()] == ["English"]

    profile_language_add(actor=rosa, profile=profile, language="French", level="beginner")
    CompletionRecord.objects.filter(user=rosa).delete()
    again = selectors.profile_details_of(rosa)
    assert again is not None
    assert [x.language for x in again.languages.all()] == ["English", "French"]
    assert not any(o.course_completed for o in again.objectives.all())  # type: ignore[attr-defined]
    assert selectors.profile_details_of(personas.dana) is None  # no profile, no row


def test_the_plan_links_the_courses_she_took_titled_in_her_language_or_the_next_best(
    personas, provider
):
    rosa, org = personas.rosa, provider.organisation.pk
    profile = profile_start(actor=rosa)
    both = CourseFactory.create(organisation_id=org)  # English and Spanish titles
    french = CourseFactory.create(organisation_id=org, language="fr", texts={"fr": "Français"})
    untitled = CourseFactory.create(organisation_id=org, topic="french")
    CourseText.objects.filter(course=untitled).delete()
    CourseFactory.create(organisation_id=org)  # not hers: never offered
    for course in (untitled, both, french):
        Enrolment.objects.create(
            session=SessionFactory.create(course=course), user=rosa,
            status=EnrolmentStatus.WAITLISTED, queued_at=timezone.now(),
        )  # fmt: skip
    assert selectors.plan_course_choices(profile, "es") == [
        (both.pk, f"Inglés para el trabajo {both.pk}", "es"),
        (french.pk, "Français", "fr"),
        (untitled.pk, f"course {untitled.pk} (french)", "en"),
    ]
    assert selectors.plan_course_choices(profile, "fr")[0] == (
        both.pk, f"English for work {both.pk}", "en",  # the course's own language next
    )  # fmt: skip
    # The page offers them, each title marked with its language (the select once showed none).
    page = personas.client_for("rosa").get("/es/learning/profile/").content.decode()
    assert f'<option value="{french.pk}" lang="fr">Français</option>' in page
    assert f'<option value="{both.pk}" lang="es">Inglés para el trabajo {both.pk}</option>' in page
