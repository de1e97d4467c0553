"""Learning: the course catalogue (plain and faceted) with 200 courses, rosa's profile page, and
many workers enrolling at once in one session whose waiting list must stay consistent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bench.api import Budget, Request, Scenario, login_sessions

COURSES = 200
WORKERS = 400
CAPACITY = 40


def _catalogue(organisation_id: int) -> None:
    from django.utils import timezone

    from juntos.learning.models import Course, CourseText, Session

    today = timezone.localdate()
    topics = ["english", "french", "financial-literacy", "health-safety", "trade-skills"]
    schedules = ["evenings", "weekends", "rain-days"]
    courses = Course.objects.bulk_create(
        Course(
            organisation_id=organisation_id,
            topic=topics[i % len(topics)],
            format="in-person" if i % 3 else "online",
            language="es" if i % 2 else "en",
            province="BC" if i % 4 else "ON",
            place="Abbotsford",
            completion_rule="attendance",
        )
        for i in range(COURSES)
    )
    CourseText.objects.bulk_create(
        CourseText(course=c, language=lang, title=f"{title} {c.pk}", summary="")
        for c in courses
        for lang, title in (("es", "Curso de prueba"), ("en", "Bench course"))
    )
    Session.objects.bulk_create(
        Session(
            course=c,
            schedule=schedules[c.pk % len(schedules)],
            starts_on=today + dt.timedelta(days=10),
            ends_on=today + dt.timedelta(days=60),
            meetings=8,
            capacity=12,
            enrolment_opens=today - dt.timedelta(days=1),
            enrolment_closes=today + dt.timedelta(days=9),
        )
        for c in courses
    )


def _workers() -> list[Any]:
    from juntos.accounts.models import User

    User.objects.bulk_create(
        User(
            display_name=f"Bench worker {i}",
            phone=f"+1250777{i:04d}",
            preferred_language="es",
            preferred_channel="sms",
            sector="migrant-worker",
            password="!",
        )
        for i in range(WORKERS)
    )
    return list(User.objects.filter(phone__startswith="+1250777").order_by("pk"))


def prepare() -> dict[str, Any]:
    from django.utils import timezone

    from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
    from juntos.learning.models import Course, Session

    valley = organisations_by_slug(["valley-learning"])["valley-learning"]
    _catalogue(valley.pk)
    today = timezone.localdate()
    rush = Session.objects.create(
        course=Course.objects.filter(organisation_id=valley.pk).earliest("pk"),
        schedule="rain-days", starts_on=today + dt.timedelta(days=5),
        ends_on=today + dt.timedelta(days=30), capacity=CAPACITY,
        enrolment_opens=today, enrolment_closes=today + dt.timedelta(days=4),
    )  # fmt: skip
    rosa = user_by_identifier("+12505550101")
    return {
        "rosa": login_sessions([rosa])[0],
        "workers": login_sessions(_workers()),
        "rush": rush.pk,
    }


def _profile(i: int, state: Any) -> Request:
    return Request("/es/learning/profile/", session=state["rosa"])


def _enrol(i: int, state: Any) -> Request:
    return Request(
        f"/es/learning/sessions/{state['rush']}/enrol/",
        method="POST",
        session=state["workers"][i % len(state["workers"])],
        expect=(302,),
    )


def _waitlist_consistent(outcome: Any, state: Any) -> list[str]:
    from juntos.learning.models import Enrolment

    rows = Enrolment.objects.filter(session_id=state["rush"])
    enrolled = rows.filter(status="enrolled").count()
    waiting = rows.filter(status="waitlisted").count()
    problems = []
    if enrolled > CAPACITY:
        problems.append(f"{enrolled} people hold {CAPACITY} places")
    if waiting and enrolled < CAPACITY:
        problems.append(f"{waiting} wait while {CAPACITY - enrolled} places are free")
    if rows.count() != len({*range(outcome.ok + outcome.warmup_ok)} & {*range(WORKERS)}):
        problems.append(f"{rows.count()} enrolments for {outcome.ok + outcome.warmup_ok} requests")
    return problems


SCENARIOS = [
    Scenario(
        "learning.catalogue",
        path="/es/learning/",
        count=300,
        wrk=True,
        # Issue 15: catalogue, faceted catalogue and profile within 8x hello (p50 and p95).
        budget=Budget(max_ratio=8.0, max_p95_ratio=8.0, p95_ms=500),
    ),
    Scenario(
        "learning.catalogue_faceted",
        path="/es/learning/?topic=english&schedule=evenings&format=in-person&q=curso",
        count=300,
        # Text search plus four facets.
        budget=Budget(max_ratio=8.0, max_p95_ratio=8.0, p95_ms=600),
    ),
    Scenario(
        "learning.profile",
        request=_profile,
        count=300,
        # Profile, plan and five small forms.
        budget=Budget(max_ratio=8.0, max_p95_ratio=8.0, p95_ms=600),
    ),
    Scenario(
        "learning.enrol_rush",
        request=_enrol,
        count=300,
        concurrency=8,
        budget=Budget(p99_ms=1500, max_seconds=60),
        check=_waitlist_consistent,
    ),
]
