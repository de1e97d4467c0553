"""factory_boy factories for the learning app's rows."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from juntos.learning.choices import CompletionRule, CourseFormat, Schedule, Topic
from juntos.learning.models import Course, CourseText, Session, WorkerProfile, Workshop


def today() -> dt.date:
    return timezone.localdate()


def add_texts(course: Course, titles: dict[str, str] | None) -> None:
    """Give a course its title in English and Spanish (or the titles asked for)."""
    titles = titles or {
        "en": f"English for work {course.pk}",
        "es": f"Inglés para el trabajo {course.pk}",
    }
    for language, title in titles.items():
        CourseText.objects.create(course=course, language=language, title=title, summary="")


class CourseFactory(factory.django.DjangoModelFactory[Course]):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    organisation_id = 0  # set by the caller to a real provider organisation
    topic = Topic.ENGLISH
    format = CourseFormat.IN_PERSON
    language = "en"
    province = "BC"
    place = "Abbotsford"
    completion_rule = CompletionRule.ATTENDANCE
    min_attendance_percent = 75

    texts = factory.PostGeneration(
        lambda course, create, extracted, **kw: add_texts(course, extracted)
    )


class SessionFactory(factory.django.DjangoModelFactory[Session]):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    schedule = Schedule.EVENINGS
    weekdays = factory.LazyFunction(lambda: [1, 3])
    starts_at = dt.time(19, 0)
    ends_at = dt.time(21, 0)
    starts_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=14))
    ends_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=70))
    meetings = 4
    capacity = 10
    enrolment_opens = factory.LazyFunction(lambda: today() - dt.timedelta(days=7))
    enrolment_closes = factory.LazyFunction(lambda: today() + dt.timedelta(days=13))


class WorkshopFactory(factory.django.DjangoModelFactory[Workshop]):
    class Meta:
        model = Workshop

    organisation_id = 0
    title = "Taller de orientación previa a la salida"
    held_on = factory.LazyFunction(today)
    place = "Oaxaca de Juárez"
    country = "MX"
    language = "es"


class ProfileFactory(factory.django.DjangoModelFactory[WorkerProfile]):
    class Meta:
        model = WorkerProfile

    display_name = factory.Sequence(lambda n: f"Trabajadora {n}")
