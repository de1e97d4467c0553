"""Populations of consenting workers for the research tests, made in a few bulk inserts."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from juntos.learning.models import Season, WorkerProfile
from juntos.research import services

COUNTRIES = ["MX", "MX", "MX", "GT", "JM", "HN", "TT", "PH"]
STATES = ["Oaxaca", "Michoacán", "Puebla", "Jalisco", "Guerrero", "St. Ann", "Petén", ""]
GENDERS = ["woman", "man", "man", "non-binary", ""]
GROUPS = ["", "", "indigenous", "disability", "2slgbtqi", "none"]
PROVINCES = ["BC", "ON", "ON", "QC", "AB", "NS", "MB"]
OCCUPATIONS = ["85101", "85103", "85100", "84120", "82030", "44101", ""]
EMPLOYERS = [f"Farm {n}" for n in range(40)]
ALL_VARIABLES = [
    "country",
    "region",
    "gender",
    "age_band",
    "province",
    "occupation_group",
    "employer_change",
    "occupation_change",
    "province_change",
    "season_weeks",
    "marginalised_group",
]  # and courses_completed, which these populations (no enrolments) cannot make diverse


def population(
    workers: int, seasons: int, *, seed: int = 7, consent: bool = True, first_year: int = 2016
) -> list[WorkerProfile]:
    """`workers` profiles with `seasons` seasons each, drawn from a fixed seed."""
    rng = random.Random(seed)
    profiles = WorkerProfile.objects.bulk_create(
        [
            WorkerProfile(
                display_name=f"Worker {seed}-{i}",
                home_country=rng.choice(COUNTRIES),
                home_state=rng.choice(STATES),
                gender=rng.choice(GENDERS),
                marginalised_group=rng.choice(GROUPS),
                birth_year=rng.choice([None, *range(1965, 2004)]),
                research_consent=consent,
            )
            for i in range(workers)
        ]
    )
    rows = []
    for profile in profiles:
        for n in range(seasons):
            start = dt.date(first_year + n, rng.randrange(1, 6), rng.randrange(1, 28))
            rows.append(
                Season(
                    profile=profile,
                    employer_name=rng.choice(EMPLOYERS),
                    province=rng.choice(PROVINCES),
                    program="sawp-mx",
                    occupation=rng.choice(OCCUPATIONS),
                    started_on=start,
                    ended_on=start + dt.timedelta(weeks=rng.randrange(6, 40)),
                )
            )
    Season.objects.bulk_create(rows, batch_size=2000)
    return profiles


def approved_project(personas: Any, *, variables: list[str] | None = None, title: str = "") -> Any:
    return services.project_approve(
        actor=personas.ben,
        title=title or "Job mobility of seasonal workers",
        purpose="How workers move between employers, provinces and occupations over seasons.",
        ethics_reference="REB-2026-0142",
        expires_on=dt.date.today() + dt.timedelta(days=365),
        variables=variables or ALL_VARIABLES,
    )
