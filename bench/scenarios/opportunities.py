"""Opportunities: carl's match page and the candidates API for one vacancy against 2,000
opted-in workers (one in five holding a credential: a NOC 85101 one, or the pesticides
standard the network proposes as related to it), and the public vacancy list. The full-size
matcher (100,000 workers against 10,000 vacancies, 15% of them with credentials) is
`python -m bench.matching`, run by hand: it takes most of a minute."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bench.api import Budget, Request, Scenario, login_sessions

WORKERS = 2000
CREDENTIAL_EVERY = 5  # one worker in five holds a credential
SKILLS = ["picking apples", "pruning trees", "packing fruit", "driving a tractor"]


def _workers() -> None:
    from juntos.accounts.models import User
    from juntos.learning.models import ProfileLanguage, Skill, WorkerProfile
    from juntos.opportunities.models import FindableWorker

    users = User.objects.bulk_create(
        User(
            display_name=f"Bench match {i}",
            phone=f"+1250888{i:04d}",
            preferred_language="es",
            preferred_channel="sms",
            sector="migrant-worker",
            password="!",
        )
        for i in range(WORKERS)
    )
    users = list(User.objects.filter(phone__startswith="+1250888").order_by("pk"))
    profiles = WorkerProfile.objects.bulk_create(
        WorkerProfile(user=u, display_name=u.display_name, home_country="MX") for u in users
    )
    Skill.objects.bulk_create(
        Skill(profile=p, occupation="85101", description=SKILLS[i % len(SKILLS)], years=2)
        for i, p in enumerate(profiles)
    )
    ProfileLanguage.objects.bulk_create(
        ProfileLanguage(profile=p, language="Español", level="first") for p in profiles
    )
    FindableWorker.objects.bulk_create(
        FindableWorker(
            user=u,
            consented_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            consent_text="bench",
            available_from=dt.date(2026, 3, 1) + dt.timedelta(days=i % 60),
            available_to=dt.date(2026, 10, 31),
            provinces=["BC"] if i % 3 else [],
        )
        for i, u in enumerate(users)
    )
    _credentials(users)


def _credentials(users: list[Any]) -> None:
    """Credentials for one worker in five, issued in one batch from decided assessments."""
    from django.utils import timezone

    from juntos.accounts.selectors import organisations_by_slug
    from juntos.credentials.models import Assessment, UnitAssessment
    from juntos.credentials.selectors import get_standard
    from juntos.credentials.services import (
        authorisation_grant,
        credentials_issue_batch,
        frameworks_load,
    )
    from juntos.demo.personas import ensure_personas

    frameworks_load(actor=None)
    standards = [
        get_standard("noc-2021", "85101"),
        get_standard("conocer", "EC-PENDIENTE-PLAGUICIDAS"),
    ]
    fraser = organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]
    ben = ensure_personas()["ben"]
    for standard in standards:
        authorisation_grant(actor=ben, organisation_id=fraser.pk, standard=standard)
    holders = users[::CREDENTIAL_EVERY]
    assessments = Assessment.objects.bulk_create(
        Assessment(candidate=user, standard=standards[i % 2], organisation_id=fraser.pk,
                   status="decided", decided_at=timezone.now())
        for i, user in enumerate(holders)
    )  # fmt: skip
    UnitAssessment.objects.bulk_create(
        UnitAssessment(assessment=a, unit=u, result="competent")
        for a in assessments
        for u in a.standard.units.all()
    )
    decided = (
        Assessment.objects.filter(pk__in=[a.pk for a in assessments])
        .select_related("candidate", "standard__framework")
        .prefetch_related("results")
    )
    credentials_issue_batch(actor=None, assessments=decided)


def prepare() -> dict[str, Any]:
    from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
    from juntos.opportunities.models import Vacancy

    orchard = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"].pk
    _workers()
    vacancy = Vacancy.objects.create(
        employer_organisation_id=orchard,
        posted_by_organisation_id=orchard,
        title="Bench apple harvest",
        occupation="85101",
        province="BC",
        program="sawp-mx",
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2026, 10, 15),
        hours_per_week=40,
        hourly_wage="19.50",
        housing="free",
        skills=["picking", "pruning"],
        languages=["es"],
        status="published",
    )
    carl = user_by_identifier("carl@okanaganorchards.example.com")
    return {"carl": login_sessions([carl])[0], "vacancy": vacancy.pk}


def _page(i: int, state: Any) -> Request:
    return Request(f"/en/opportunities/mine/{state['vacancy']}/", session=state["carl"])


def _api(i: int, state: Any) -> Request:
    return Request(
        f"/api/opportunities/vacancies/{state['vacancy']}/candidates", session=state["carl"]
    )


SCENARIOS = [
    # Issue 17's budget: a match page within 3x hello. The candidates API is the match without
    # the site's header and navigation; the HTML page carries both (figures in the report).
    Scenario(
        "opportunities.match_api",
        request=_api,
        count=300,
        budget=Budget(max_ratio=3.0, max_p95_ratio=3.0),
    ),
    Scenario(
        "opportunities.match_page",
        request=_page,
        count=300,
        budget=Budget(max_ratio=3.0, max_p95_ratio=3.0),
    ),
    Scenario("opportunities.vacancies", path="/es/opportunities/", count=300),
]
