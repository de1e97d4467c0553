"""Helpers of the funding tests: an adopted recommendation, a call, an application."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.accounts.services import membership_grant, organisation_create, person_create
from juntos.funding import services
from juntos.funding.models import Application, Call
from juntos.network import services as network_services
from juntos.network.tests.factories import close_and_count, make_vote

RUBRIC = [("Worker involvement", 40), ("Partnership", 35), ("Value for money", 25)]


def adopted_recommendation(personas: Any) -> int:
    """A recommendation the plenary adopted by an open vote (4 for, 1 against)."""
    vote = make_vote(personas, secret=False)
    for key, choice in (
        ("rosa", "yes"),
        ("amina", "yes"),
        ("ben", "yes"),
        ("ines", "yes"),
        ("carl", "no"),
    ):
        network_services.ballot_cast(actor=getattr(personas, key), vote=vote, choice=choice)
    vote = close_and_count(personas, vote)
    assert vote.carried
    return int(vote.recommendation_id)


def local_deadline(days: int = 30) -> dt.datetime:
    return (timezone.now() + dt.timedelta(days=days)).replace(tzinfo=None, second=0, microsecond=0)


def make_call(personas: Any, recommendation_id: int | None = None, **overrides: Any) -> Call:
    recommendation_id = recommendation_id or adopted_recommendation(personas)
    values: dict[str, Any] = {
        "titles": {"en": "Safer housing", "es": "Vivienda más segura"},
        "descriptions": {"en": "Projects on housing.", "es": "Proyectos de vivienda."},
        "eligibility": {"en": "Support non-profits with a partner."},
        "amount": Decimal("50000.00"),
        "currency": "CAD",
        "deadline_local": local_deadline(),
        "time_zone": "America/Vancouver",
        "required_partners": 1,
        "criteria": RUBRIC,
        "recommendation_ids": [recommendation_id],
        "category_caps": {"staff": Decimal(50), "travel": Decimal(10)},
        "indicators": [("workers-reached", "Workers reached")],
    }
    values.update(overrides)
    return services.call_open(actor=personas.ben, **values)


def organisation_with_staff(slug: str, name: str, email: str, *, province: str = "BC") -> Any:
    """A support non-profit with one caseworker (both made once)."""
    found = organisations_by_slug([slug]).get(slug)
    if found is not None:
        return type("Org", (), {"organisation": found, "staff": user_by_identifier(email)})
    organisation = organisation_create(
        actor=None,
        name=name,
        slug=slug,
        kind=OrganisationKind.SUPPORT_NONPROFIT,
        province=province,
        languages="en,es",
    )
    person = person_create(
        actor=None,
        display_name=name.split()[0] + " staff",
        password="x-test-password-9",
        email=email,
        language="es",
        channel="email",
    )
    membership_grant(actor=None, user=person, organisation=organisation, role=Role.CASEWORKER)
    return type("Org", (), {"organisation": organisation, "staff": person})


def fraser(personas: Any) -> Any:
    return organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]


def make_application(
    personas: Any, call: Call, partner: Any, *, confirmed: bool = True, submitted: bool = False
) -> Application:
    """Amina's organisation leads, with the partner; a budget of 20,000 CAD that adds up."""
    application = services.application_start(
        actor=personas.amina,
        call=call,
        lead_organisation_id=fraser(personas).pk,
        title="Housing inspections with workers",
    )
    services.application_update(
        actor=personas.amina,
        application=application,
        title=application.title,
        summary="Workers and caseworkers visit housing together.",
        lead_share=Decimal("12000.00"),
    )
    link = services.partner_add(
        actor=personas.amina,
        application=application,
        organisation_id=partner.organisation.pk,
        share=Decimal("8000.00"),
    )
    services.budget_line_add(
        actor=personas.amina,
        application=application,
        category="staff",
        description="Caseworker time",
        amount=Decimal("10000.00"),
        currency="CAD",
    )
    services.budget_line_add(
        actor=personas.amina,
        application=application,
        category="activities",
        description="Visits",
        amount=Decimal("10000.00"),
        currency="CAD",
    )
    if confirmed:
        services.partner_answer(actor=partner.staff, partner=link, confirm=True)
    if submitted:
        services.application_submit(actor=personas.amina, application=application)
    application.refresh_from_db()
    return application
