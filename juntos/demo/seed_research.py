"""Demo research: rosa and 180 sample workers said yes to research, ben approved a study of job
mobility, and one extract of it is ready with a download link.

The sample workers are profiles without accounts (as workshop profiles are before they are
claimed), each with four seasons; they are added once (running the seed again changes nothing).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from juntos.learning import selectors as learning_selectors
from juntos.learning import services as learning_services
from juntos.research import selectors, services

SAMPLE_WORKERS = 180
SEASONS = 4
TITLE = "Job mobility of seasonal agricultural workers, 2022–2025"
COUNTRIES = ["MX", "MX", "MX", "GT", "JM", "HN"]
STATES = ["Oaxaca", "Michoacán", "Puebla", "Tlaxcala", "St. Catherine", "Quetzaltenango"]
PROVINCES = ["BC", "ON", "ON", "QC", "AB"]
OCCUPATIONS = ["85101", "85103", "85100", "84120"]
GROUPS = ["", "", "indigenous", "indigenous-language", "none"]


def _sample_workers() -> None:
    rng = random.Random(23)
    profiles, seasons = [], []
    for n in range(SAMPLE_WORKERS):
        profiles.append(
            {
                "display_name": f"Sample worker {n + 1}",
                "home_country": rng.choice(COUNTRIES),
                "home_state": rng.choice(STATES),
                "gender": rng.choice(["woman", "man", "man"]),
                "marginalised_group": rng.choice(GROUPS),
                "birth_year": rng.randrange(1970, 2002),
                "research_consent": True,
            }
        )
        own = []
        for season in range(SEASONS):
            start = dt.date(2022 + season, rng.randrange(3, 6), rng.randrange(1, 28))
            own.append(
                {
                    "employer_name": f"Farm {rng.randrange(12)}",
                    "province": rng.choice(PROVINCES),
                    "program": "sawp-mx",
                    "occupation": rng.choice(OCCUPATIONS),
                    "started_on": start,
                    "ended_on": start + dt.timedelta(weeks=rng.randrange(10, 34)),
                }
            )
        seasons.append(own)
    learning_services.sample_profiles_add(actor=None, profiles=profiles, seasons=seasons)


def seed(people: dict[str, Any]) -> None:
    rosa = learning_selectors.own_profile(people["rosa"])
    if rosa is not None and not rosa.research_consent:
        learning_services.research_consent_set(actor=people["rosa"], profile=rosa, consent=True)
    if learning_selectors.research_consenting_count() < SAMPLE_WORKERS:
        _sample_workers()
    ben = people["ben"]
    if selectors.projects_for(ben).filter(title=TITLE).exists():
        return
    project = services.project_approve(
        actor=ben,
        title=TITLE,
        purpose=(
            "How workers move between employers, provinces and occupations from one season to "
            "the next, and who comes back; for the network's planning of pre-departure courses."
        ),
        ethics_reference="UBC REB H26-01234",
        expires_on=timezone.localdate() + dt.timedelta(days=365),
        variables=[
            "country",
            "gender",
            "age_band",
            "province",
            "occupation_group",
            "employer_change",
            "province_change",
            "marginalised_group",
        ],
    )
    extract = services.extract_request(actor=ben, project=project)
    extract = services.extract_build(extract_id=extract.pk)
    services.link_issue(actor=ben, extract=extract)
