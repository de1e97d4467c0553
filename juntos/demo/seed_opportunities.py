"""Demo opportunities data for the walk of issue 17: a consular liaison (lupe), carl's vacancies
(one blocked for a low wage, one published), rosa opted in, hired for 2026 and named back for
2027 (her confirmation and the liaison's approval are left for the walk), maría's good season
not named back (her options offered), a referral home and a technical visit with a cleared
volunteer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from juntos.accounts.choices import Channel, Role, Sector
from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.accounts.services import membership_grant, person_create
from juntos.demo.personas import DEMO_PASSWORD
from juntos.opportunities import selectors, services

if TYPE_CHECKING:
    from juntos.accounts.models import User

LUPE = "lupe@consulado.example.gob.mx"
MARIA = "+12505550177"


def _orgs() -> dict[str, int]:
    slugs = ["okanagan-orchards", "consulado-vancouver", "fondo-oaxaca", "fraser-valley-support"]
    return {slug: org.pk for slug, org in organisations_by_slug(slugs).items()}


def _person(login: str, name: str, *, sector: str, operator: User) -> User:
    existing = user_by_identifier(login)
    if existing is not None:
        return existing
    email, phone = (login, "") if "@" in login else ("", login)
    return person_create(
        actor=operator,
        display_name=name,
        password=DEMO_PASSWORD,
        email=email,
        phone=phone,
        language="es",
        channel=Channel.EMAIL if email else Channel.SMS,
        sector=sector,
        province="BC",
    )


def _facts(title: str, wage: str, start: dt.date, end: dt.date) -> services.VacancyFacts:
    return services.VacancyFacts(
        title=title,
        occupation="85101",
        province="BC",
        program="sawp-mx",
        starts_on=start,
        ends_on=end,
        hours_per_week=Decimal(40),
        hourly_wage=Decimal(wage),
        housing="free",
        deductions={},
        skills=("cosecha", "cereza", "escalera"),
        languages=("es",),
        description="Cherry and apple harvest in Kelowna.",
    )


def _vacancies(people: dict[str, User], orgs: dict[str, int]) -> int:
    carl, ben = people["carl"], people["ben"]
    orchard = orgs["okanagan-orchards"]
    low = "Spring pruning (demo: blocked, wage below the minimum)"
    if selectors.vacancy_titled(orchard, low) is None:
        draft = services.vacancy_create(
            actor=carl,
            employer_organisation_id=orchard,
            facts=_facts(low, "14.00", dt.date(2026, 3, 2), dt.date(2026, 5, 29)),
        )
        services.vacancy_publish(actor=carl, vacancy=draft)
    fair = "Cherry harvest 2026"
    vacancy = selectors.vacancy_titled(orchard, fair)
    if vacancy is None:
        draft = services.vacancy_create(
            actor=carl,
            employer_organisation_id=orchard,
            facts=_facts(fair, "19.50", dt.date(2026, 3, 2), dt.date(2026, 5, 29)),
        )
        vacancy = services.vacancy_publish(actor=carl, vacancy=draft)
        if vacancy.status == "review":
            vacancy = services.vacancy_review(actor=ben, vacancy=vacancy, publish=True)
    return vacancy.pk


def _hire(worker: User, vacancy_id: int, carl: User, lupe: User, liaison: int) -> None:
    vacancy = selectors.get_published_vacancy(vacancy_id)
    services.application_apply(actor=worker, vacancy=vacancy)
    application = next(
        a for a in selectors.applicants_of(carl, vacancy) if a.worker_id == worker.pk
    )
    if application.status == "applied":
        engagement = services.application_hire(actor=carl, application=application)
        services.season_record(
            actor=lupe, liaison_organisation_id=liaison, engagement=engagement, good_season=True
        )


def seed(people: dict[str, User]) -> None:
    """Create the demo opportunities data; running it twice changes nothing."""
    orgs = _orgs()
    operator = people["admin"]
    lupe = _person(LUPE, "Lupe Ramírez", sector=Sector.GOVERNMENT, operator=operator)
    consulate = organisations_by_slug(["consulado-vancouver"])["consulado-vancouver"]
    membership_grant(actor=None, user=lupe, organisation=consulate, role=Role.MEMBER)
    maria = _person(MARIA, "María López", sector=Sector.MIGRANT_WORKER, operator=operator)
    rosa = people["rosa"]
    vacancy_id = _vacancies(people, orgs)
    if selectors.findable_of(rosa) is None:
        services.findable_opt_in(
            actor=rosa,
            consent=True,
            available_from=dt.date(2026, 2, 1),
            available_to=dt.date(2026, 11, 30),
            provinces=["BC"],
        )
    for worker in (rosa, maria):
        _hire(worker, vacancy_id, people["carl"], lupe, orgs["consulado-vancouver"])
    if not selectors.requests_to_worker(rosa).exists():
        services.named_request_create(
            actor=people["carl"],
            employer_organisation_id=orgs["okanagan-orchards"],
            liaison_organisation_id=orgs["consulado-vancouver"],
            worker=rosa,
            season_year=2027,
            program="sawp-mx",
            starts_on=dt.date(2027, 3, 1),
        )
    # After the naming deadline for 2027 (December 1st, 2026): carl named rosa, not maría.
    services.not_named_back_offer(today=max(timezone.localdate(), dt.date(2026, 12, 2)))
    _referral(people, orgs)
    _visit(people, orgs)


def _referral(people: dict[str, User], orgs: dict[str, int]) -> None:
    amina, rosa = people["amina"], people["rosa"]
    if any(r.kind == "training" for r in selectors.referrals_for(rosa)):
        return
    services.referral_create(
        actor=amina,
        worker=rosa,
        home_organisation_id=orgs["fondo-oaxaca"],
        kind="training",
        consent=True,
        shared_fields=["name", "skills", "goals"],
        note="Quiere un curso de contabilidad para su tienda.",
    )


def _visit(people: dict[str, User], orgs: dict[str, int]) -> None:
    amina, ben = people["amina"], people["ben"]
    if selectors.visits_for(amina).exists():
        return
    services.visit_request_create(
        actor=amina,
        title="Drip irrigation for a community greenhouse",
        expertise=["irrigation", "greenhouse"],
        language="es",
        starts_on=dt.date(2027, 2, 1),
        ends_on=dt.date(2027, 2, 14),
    )
    offer = services.volunteer_offer_save(
        actor=people["ines"],
        expertise=["irrigation"],
        languages=["es", "fr"],
        available_from=dt.date(2027, 1, 15),
        available_to=dt.date(2027, 3, 1),
    )
    services.volunteer_vet(actor=ben, offer=offer, cleared=True)
