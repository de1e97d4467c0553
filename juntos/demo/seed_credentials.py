"""Demo credentials data: the curated frameworks, an authorised assessor, a course that leads on.

The walk it sets up (docs/credentials.md): rosa is enrolled in a running session of the
pesticide-safety course; Tom (Valley Community Learning Centre) signs her off, then, as an
assessor of an organisation authorised for the standard, records her competent; she gets the
credential; ben (the secretariat's coordinator) can revoke it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.credentials import selectors as credential_selectors
from juntos.credentials import services as credential_services
from juntos.learning import selectors as learning_selectors
from juntos.learning import services as learning_services

if TYPE_CHECKING:
    from juntos.accounts.models import User

PESTICIDES = ("conocer", "EC-PENDIENTE-PLAGUICIDAS")
TEACHER = "tom@valleylearning.example.org"


def _pesticide_course(teacher: User) -> object | None:
    for course in learning_selectors.courses_managed_by(teacher):
        if course.topic == "health-safety":
            return course
    return None


def _running_session(teacher: User, course: object, rosa: User) -> None:
    """A session that started this week, with rosa enrolled, so she can be signed off today."""
    today = timezone.localdate()
    sessions = list(learning_selectors.sessions_of(course))  # type: ignore[arg-type]
    running = next((s for s in sessions if s.starts_on <= today), None)
    if running is None:
        running = learning_services.session_create(
            actor=teacher, course=course, schedule="weekends",  # type: ignore[arg-type]
            weekdays=[5], starts_at=dt.time(9, 0), ends_at=dt.time(12, 0),
            starts_on=today - dt.timedelta(days=2), ends_on=today + dt.timedelta(days=30),
            meetings=4, capacity=12, enrolment_opens=today - dt.timedelta(days=10),
            enrolment_closes=today + dt.timedelta(days=5),
        )  # fmt: skip
    if not learning_selectors.enrolments_in_course(rosa, course):  # type: ignore[arg-type]
        learning_services.enrolment_create(actor=rosa, session=running)


def seed(people: dict[str, User]) -> None:
    """Load the frameworks and set up the walk; running it twice changes nothing."""
    credential_services.frameworks_load(actor=None)
    standard = credential_selectors.get_standard(*PESTICIDES)
    valley = organisations_by_slug(["valley-learning"])["valley-learning"]
    credential_services.authorisation_grant(
        actor=people["ben"], organisation_id=valley.pk, standard=standard
    )
    teacher = user_by_identifier(TEACHER)
    course = _pesticide_course(teacher) if teacher else None
    if teacher is None or course is None:
        return  # the learning demo is not installed
    credential_services.standard_course_link(
        actor=people["ben"],
        standard=standard,
        course_id=course.pk,  # type: ignore[attr-defined]
    )
    _running_session(teacher, course, people["rosa"])
    credential_services.issuer_key_current()
