"""Seasons, liaison keys and sealed evaluations for the evaluations tests."""

from __future__ import annotations

import itertools
from typing import Any

from juntos.accounts.choices import Channel, Role, Sector
from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.accounts.services import membership_grant, person_create
from juntos.evaluations import selectors, services
from juntos.evaluations.choices import Answers
from juntos.evaluations.models import LiaisonKey, SealedEvaluation
from juntos.opportunities.models import SeasonEngagement

PASSPHRASE = "cuatro-gatos-en-la-huerta"
LUPE = "lupe@consulado.example.gob.mx"
CARL_ANSWERS: Answers = {
    "would_rehire": "yes",
    "return_on": "2027-04-01",
    "conduct": 5,
    "skills": 4,
    "comments": "",
}
_numbers = itertools.count(1)


def org_id(slug: str) -> int:
    return organisations_by_slug([slug])[slug].pk


def lupe_of() -> Any:
    """Lupe, a liaison officer of the Mexican consulate in Vancouver."""
    existing = user_by_identifier(LUPE)
    if existing is not None:
        return existing
    person = person_create(
        actor=None,
        display_name="Lupe Ramírez",
        password="x-test-password-1",
        email=LUPE,
        language="es",
        channel=Channel.EMAIL,
        sector=Sector.GOVERNMENT,
    )
    consulate = organisations_by_slug(["consulado-vancouver"])["consulado-vancouver"]
    membership_grant(actor=None, user=person, organisation=consulate, role=Role.MEMBER)
    return person


def liaison_key(passphrase: str = PASSPHRASE) -> LiaisonKey:
    found = selectors.liaison_key_of(org_id("consulado-vancouver"))
    if found is not None:
        return found
    return services.liaison_key_create(
        actor=lupe_of(), organisation_id=org_id("consulado-vancouver"), passphrase=passphrase
    )


def season(worker: Any, *, year: int = 2026) -> SeasonEngagement:
    return SeasonEngagement.objects.get_or_create(
        worker=worker,
        employer_organisation_id=org_id("okanagan-orchards"),
        year=year,
        defaults={
            "liaison_organisation_id": org_id("consulado-vancouver"),
            "program": "sawp-mx",
            "province": "BC",
        },
    )[0]


def another_worker() -> Any:
    n = next(_numbers)
    return person_create(
        actor=None,
        display_name=f"Trabajadora {n}",
        password="x-test-password-1",
        phone=f"+1250555{3000 + n:04d}",
        language="es",
        channel=Channel.SMS,
        sector=Sector.MIGRANT_WORKER,
    )


def carl_evaluates(carl: Any, engagement: SeasonEngagement, **answers: Any) -> SealedEvaluation:
    liaison_key()
    return services.evaluation_submit(
        actor=carl,
        engagement=engagement,
        kind="employer-of-worker",
        answers={**CARL_ANSWERS, **answers},
    )


def unlocked_cookie(passphrase: str = PASSPHRASE) -> str:
    key = liaison_key()
    return services.liaison_unlock(
        actor=lupe_of(), organisation_id=key.organisation_id, passphrase=passphrase, address="t"
    )
