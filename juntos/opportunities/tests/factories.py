"""Builders for the opportunities tests: vacancies, opted-in workers with profiles, seasons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from juntos.accounts.choices import Channel, Sector
from juntos.accounts.selectors import organisations_by_slug
from juntos.accounts.services import person_create
from juntos.learning.models import ProfileLanguage, Skill, WorkerProfile
from juntos.opportunities.choices import VacancyStatus
from juntos.opportunities.models import FindableWorker, SeasonEngagement, Vacancy
from juntos.opportunities.services import VacancyFacts

SEASON = 2027
START = dt.date(SEASON, 4, 1)
END = dt.date(SEASON, 10, 31)


def org_id(slug: str) -> int:
    return organisations_by_slug([slug])[slug].pk


def facts(**changes: Any) -> VacancyFacts:
    values: dict[str, Any] = {
        "title": "Apple harvest",
        "occupation": "85101",
        "province": "BC",
        "program": "sawp-mx",
        "starts_on": dt.date(2026, 6, 15),
        "ends_on": dt.date(2026, 10, 31),
        "hours_per_week": Decimal(40),
        "hourly_wage": Decimal("19.00"),
        "housing": "free",
        "deductions": {},
        "skills": ("picking", "pruning"),
        "languages": ("es",),
    }
    values.update(changes)
    return VacancyFacts(**values)


def published_vacancy(**changes: Any) -> Vacancy:
    """A published vacancy of carl's employer, written directly (the gate has its own tests)."""
    f = facts(**changes)
    return Vacancy.objects.create(
        employer_organisation_id=org_id("okanagan-orchards"),
        posted_by_organisation_id=org_id("okanagan-orchards"),
        title=f.title,
        occupation=f.occupation,
        province=f.province,
        program=f.program,
        starts_on=f.starts_on,
        ends_on=f.ends_on,
        hours_per_week=f.hours_per_week,
        hourly_wage=f.hourly_wage,
        housing=f.housing,
        skills=list(f.skills),
        languages=list(f.languages),
        status=VacancyStatus.PUBLISHED,
    )


def profile_for(user: Any, *, occupation: str = "85101", skill: str = "apple picking") -> Any:
    profile, _created = WorkerProfile.objects.get_or_create(
        user=user, defaults={"display_name": user.display_name, "home_country": "MX"}
    )
    Skill.objects.get_or_create(
        profile=profile, occupation=occupation, description=skill, defaults={"years": 3}
    )
    ProfileLanguage.objects.get_or_create(profile=profile, language="Español", level="first")
    return profile


def opted_in(user: Any, **changes: Any) -> FindableWorker:
    values: dict[str, Any] = {
        "consented_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        "consent_text": "test",
        "available_from": dt.date(2026, 5, 1),
        "available_to": dt.date(2026, 11, 30),
        "provinces": ["BC"],
    }
    values.update(changes)
    return FindableWorker.objects.update_or_create(user=user, defaults=values)[0]


_counter = [0]


def worker(name: str = "") -> Any:
    _counter[0] += 1
    n = _counter[0]
    return person_create(
        actor=None,
        display_name=name or f"Worker {n}",
        password="x-test-password-1",
        phone=f"+1604555{n:04d}",
        language="es",
        channel=Channel.SMS,
        sector=Sector.MIGRANT_WORKER,
    )


def engagement(user: Any, *, year: int = 2026, good: bool = True) -> SeasonEngagement:
    return SeasonEngagement.objects.get_or_create(
        worker=user,
        employer_organisation_id=org_id("okanagan-orchards"),
        year=year,
        defaults={
            "liaison_organisation_id": org_id("consulado-vancouver"),
            "program": "sawp-mx",
            "province": "BC",
            "good_season": good,
        },
    )[0]
