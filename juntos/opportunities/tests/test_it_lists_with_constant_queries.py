"""Every list page and list endpoint keeps the same number of queries at 1 and at 50 rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from juntos.learning.models import ProfileGrant
from juntos.opportunities.choices import NamedStatus, VacancyStatus
from juntos.opportunities.models import (
    Application,
    NamedRequest,
    SeasonEngagement,
    Vacancy,
    VisitRequest,
    VolunteerOffer,
)
from juntos.opportunities.services import referral_create
from juntos.opportunities.tests.factories import (
    opted_in,
    org_id,
    profile_for,
    published_vacancy,
    worker,
)
from juntos.testing.personas import logged_in_client
from juntos.testing.queries import rows_shown

pytestmark = pytest.mark.django_db


def flat(add: Callable[[int], Any], fetch: Callable[[], Any], limit: int) -> None:
    """1 row, then 50: the same queries, within `limit`, and more rows shown."""
    add(1)
    with CaptureQueriesContext(connection) as one:
        small = fetch()
    assert small.status_code == 200
    add(49)
    with CaptureQueriesContext(connection) as fifty:
        large = fetch()
    assert large.status_code == 200
    assert rows_shown(large) > rows_shown(small), "the added rows are not on the list"
    assert len(fifty.captured_queries) == len(one.captured_queries), [
        q["sql"] for q in fifty.captured_queries
    ]
    assert len(fifty.captured_queries) <= limit


def _vacancies(n: int) -> None:
    for _ in range(n):
        published_vacancy()


def test_public_vacancies_page(personas, client):
    flat(_vacancies, lambda: client.get("/es/opportunities/"), limit=6)


def test_public_vacancies_api(personas, client):
    flat(_vacancies, lambda: client.get("/api/opportunities/vacancies"), limit=4)


def test_employer_lists(personas):
    carl = personas.client_for("carl")
    flat(_vacancies, lambda: carl.get("/en/opportunities/mine/"), limit=12)


def _candidates(vacancy: Vacancy, n: int, personas: Any) -> None:
    """n applicants, every other one holding a credential (direct or through a proposal)."""
    from juntos.credentials.models import Standard
    from juntos.credentials.services import frameworks_load
    from juntos.credentials.tests.helpers import issue_for

    if not Standard.objects.exists():
        frameworks_load(actor=None)
    held = [
        Standard.objects.get(framework__code="noc-2021", code="85101"),
        Standard.objects.get(code="EC-PENDIENTE-PLAGUICIDAS"),
    ]
    for i in range(n):
        person = worker()
        profile_for(person, skill="picking apples")
        if i % 2 == 0:
            issue_for(personas, person, held[(i // 2) % 2])
        opted_in(person)
        Application.objects.create(vacancy=vacancy, worker=person, status="applied")


def test_candidates_and_applicants_page(personas):
    carl = personas.client_for("carl")
    vacancy = published_vacancy()
    add = lambda n: _candidates(vacancy, n, personas)  # noqa: E731
    flat(add, lambda: carl.get(f"/en/opportunities/mine/{vacancy.pk}/"), limit=12)


def test_candidates_api(personas):
    carl = personas.client_for("carl")
    vacancy = published_vacancy()
    add = lambda n: _candidates(vacancy, n, personas)  # noqa: E731
    flat(add, lambda: carl.get(f"/api/opportunities/vacancies/{vacancy.pk}/candidates"), limit=12)


def test_review_queue(personas):
    ben = personas.client_for("ben")

    def add(n: int) -> None:
        for _ in range(n):
            v = published_vacancy()
            Vacancy.objects.filter(pk=v.pk).update(status=VacancyStatus.REVIEW)

    flat(add, lambda: ben.get("/en/opportunities/review/"), limit=12)


@pytest.mark.parametrize("path", ["/es/opportunities/for-me/", "/api/opportunities/for-me"])
def test_worker_fits(personas, path):
    from juntos.credentials.models import Standard
    from juntos.credentials.services import frameworks_load
    from juntos.credentials.tests.helpers import issue_for

    frameworks_load(actor=None)
    profile_for(personas.rosa, skill="picking")
    for code in ("85101", "85103"):
        issue_for(personas, personas.rosa, Standard.objects.get(code=code))
    opted_in(personas.rosa)
    rosa = personas.client_for("rosa")
    flat(_vacancies, lambda: rosa.get(path), limit=14)


def _requests_to(user: Any, n: int) -> None:
    for _ in range(n):
        NamedRequest.objects.create(
            employer_organisation_id=org_id("okanagan-orchards"),
            liaison_organisation_id=org_id("consulado-vancouver"),
            worker=user,
            season_year=2027 + NamedRequest.objects.count(),
            program="sawp-mx",
            starts_on=dt.date(2027, 4, 1),
            status=NamedStatus.WAITING_LIAISON,
        )


def test_requests_to_the_worker(personas):
    rosa = personas.client_for("rosa")
    flat(
        lambda n: _requests_to(personas.rosa, n),
        lambda: rosa.get("/es/opportunities/requests/"),
        12,
    )


def test_employer_requests(personas):
    carl = personas.client_for("carl")
    flat(lambda n: _requests_to(worker(), n), lambda: carl.get("/en/opportunities/named/"), 16)


def test_liaison_queue(personas, lupe):
    liaison = logged_in_client(lupe)
    flat(lambda n: _requests_to(worker(), n), lambda: liaison.get("/es/opportunities/liaison/"), 12)


def test_options_and_rates(personas):
    rosa = personas.client_for("rosa")

    def seasons(n: int) -> None:
        start = SeasonEngagement.objects.count()
        for i in range(n):
            SeasonEngagement.objects.create(
                worker=personas.rosa,
                employer_organisation_id=org_id("okanagan-orchards"),
                year=2000 + start + i,
                program="sawp-mx",
                province="BC",
                good_season=True,
                not_named_offered_on=dt.date(2026, 12, 2),
            )

    flat(seasons, lambda: rosa.get("/es/opportunities/options/"), limit=12)
    ines = personas.client_for("ines")
    flat(seasons, lambda: ines.get("/fr/opportunities/named-back-rates/"), limit=12)


def test_referrals(personas):
    profile = profile_for(personas.rosa)
    ProfileGrant.objects.create(profile=profile, organisation_id=org_id("fraser-valley-support"))

    def add(n: int) -> None:
        for _ in range(n):
            referral_create(
                actor=personas.amina,
                worker=personas.rosa,
                home_organisation_id=org_id("fondo-oaxaca"),
                kind="training",
                consent=True,
                shared_fields=["name"],
            )

    amina = personas.client_for("amina")
    flat(add, lambda: amina.get("/en/opportunities/referrals/"), limit=12)
    flat(add, lambda: amina.get("/api/opportunities/referrals"), limit=10)


def test_visits_and_vetting(personas):
    amina = personas.client_for("amina")

    def visits(n: int) -> None:
        for _ in range(n):
            VisitRequest.objects.create(
                organisation_id=org_id("fraser-valley-support"),
                title="Compost",
                expertise=["soil"],
                language="es",
                starts_on=dt.date(2027, 2, 1),
                ends_on=dt.date(2027, 2, 10),
            )

    flat(visits, lambda: amina.get("/en/opportunities/visits/"), limit=12)
    ben = personas.client_for("ben")

    def volunteers(n: int) -> None:
        for _ in range(n):
            VolunteerOffer.objects.create(
                user=worker(),
                expertise=["soil"],
                languages=["es"],
                available_from=dt.date(2027, 1, 1),
                available_to=dt.date(2027, 3, 1),
            )

    flat(volunteers, lambda: ben.get("/en/opportunities/volunteers/vetting/"), limit=12)


def test_invitations_page(personas):
    rosa = logged_in_client(personas.rosa)

    def invite(n: int) -> None:
        for _ in range(n):
            Application.objects.create(
                vacancy=published_vacancy(), worker=personas.rosa, status="invited"
            )

    flat(invite, lambda: rosa.get("/es/opportunities/invitations/"), limit=10)


def test_invitations_api(personas):
    rosa = logged_in_client(personas.rosa)

    def invite(n: int) -> None:
        for _ in range(n):
            Application.objects.create(
                vacancy=published_vacancy(), worker=personas.rosa, status="invited"
            )

    flat(invite, lambda: rosa.get("/api/opportunities/invitations"), limit=8)
