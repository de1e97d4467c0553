"""Demo funding data: ben's call from the plenary's adopted recommendation, an application by
Fraser Valley with a larger partner (confirmed), two reviews and one refusal, an award, and the
first quarterly report filed and approved. Running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from juntos.accounts.choices import Channel, OrganisationKind, Role, Sector
from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.accounts.services import membership_grant, organisation_create, person_create
from juntos.demo.personas import DEMO_PASSWORD
from juntos.funding import selectors, services
from juntos.network.selectors import adopted_recommendations

CALL_TITLE = "Safer housing for farm workers"
PARTNER_SLUG = "pacific-migrant-services"


def seed(people: dict[str, Any]) -> None:
    """Create the demo call and its story once; nothing when the plenary adopted nothing."""
    if any(c.title_en == CALL_TITLE for c in selectors.calls_listed()):
        return
    adopted = adopted_recommendations()
    if not adopted:
        return
    partner, pat = _partner()
    call = _call(people["ben"], adopted[0].id)
    application = _application(people, call, partner, pat)
    _review(people, application)
    today = timezone.localdate()
    project = services.award_make(
        actor=people["ben"],
        application=application,
        amount=Decimal("24000.00"),
        starts_on=today - dt.timedelta(days=95),
        ends_on=today + dt.timedelta(days=270),
        milestones=[("Housing visits with workers begin", today - dt.timedelta(days=60))],
    )
    report = project.reports.order_by("due_on")[0]
    indicator = call.indicators.get()
    services.report_file(
        actor=people["amina"],
        report=report,
        narrative="Forty-two workers joined housing visits on six farms; two cases were opened.",
        actuals={
            indicator.pk: {
                "total": 42,
                "gender:woman": 17,
                "gender:man": 24,
                "gender:undisclosed": 1,
                "group:indigenous": 9,
            }
        },
    )
    services.report_approve(actor=people["ben"], report=report)


def _partner() -> tuple[Any, Any]:
    found = organisations_by_slug([PARTNER_SLUG]).get(PARTNER_SLUG)
    organisation = found or organisation_create(
        actor=None,
        name="Pacific Migrant Services Society",
        slug=PARTNER_SLUG,
        kind=OrganisationKind.SUPPORT_NONPROFIT,
        province="BC",
        languages="en,es",
        description="A larger settlement and legal-aid society in the Lower Mainland.",
    )
    pat = _person("Pat Nguyen", "pat@pacificmigrant.example.org", "en")
    membership_grant(actor=None, user=pat, organisation=organisation, role=Role.CASEWORKER)
    return organisation, pat


def _person(name: str, email: str, language: str) -> Any:
    return user_by_identifier(email) or person_create(
        actor=None,
        display_name=name,
        password=DEMO_PASSWORD,
        email=email,
        language=language,
        channel=Channel.EMAIL,
        sector=Sector.CIVIL_SOCIETY,
        province="BC",
    )


def _call(ben: Any, recommendation_id: int) -> Any:
    deadline = timezone.localtime(timezone.now() + dt.timedelta(days=45)).replace(tzinfo=None)
    return services.call_open(
        actor=ben,
        titles={"en": CALL_TITLE, "es": "Vivienda más segura para personas trabajadoras agrícolas"},
        descriptions={
            "en": "Projects in which workers and support organisations check farm housing.",
            "es": "Proyectos en que personas trabajadoras y organizaciones revisan la vivienda.",
        },
        eligibility={"en": "A support non-profit leading, with at least one partner non-profit."},
        amount=Decimal("60000.00"),
        currency="CAD",
        deadline_local=deadline.replace(hour=17, minute=0, second=0, microsecond=0),
        time_zone="America/Vancouver",
        required_partners=1,
        criteria=[
            ("Workers take part in the design", 40),
            ("Partnership", 35),
            ("Value for money", 25),
        ],
        recommendation_ids=[recommendation_id],
        category_caps={"staff": Decimal(60), "travel": Decimal(15)},
        indicators=[("workers-reached", "Workers reached")],
    )


def _application(people: dict[str, Any], call: Any, partner: Any, pat: Any) -> Any:
    amina = people["amina"]
    lead = organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]
    application = services.application_start(
        actor=amina, call=call, lead_organisation_id=lead.pk, title="Housing visits with workers"
    )
    services.application_update(
        actor=amina,
        application=application,
        title=application.title,
        summary="Caseworkers and workers visit farm housing together and follow up complaints.",
        lead_share=Decimal("14000.00"),
    )
    link = services.partner_add(
        actor=amina, application=application, organisation_id=partner.pk, share=Decimal("10000.00")
    )
    services.budget_line_add(
        actor=amina,
        application=application,
        category="staff",
        description="Caseworker time, two days a week",
        amount=Decimal("14000.00"),
        currency="CAD",
    )
    services.budget_line_add(
        actor=amina,
        application=application,
        category="activities",
        description="Visits and materials printed in Oaxaca",
        amount=Decimal("125000.00"),
        currency="MXN",
        exchange_rate=Decimal("0.0800"),
        rate_date=timezone.localdate(),
    )
    services.partner_answer(actor=pat, partner=link, confirm=True)
    return services.application_submit(actor=amina, application=application)


def _review(people: dict[str, Any], application: Any) -> None:
    olga = _person("Olga Ruiz", "olga.reviewer@example.org", "es")
    colleague = _person("Sam Lee", "sam@fraservalley.example.org", "en")
    lead = organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]
    membership_grant(actor=None, user=colleague, organisation=lead, role=Role.SUPERVISOR)
    criteria = list(application.call.criteria.all())
    for person, marks in ((people["ines"], (8, 7, 9)), (olga, (7, 8, 6)), (colleague, None)):
        assignment = services.reviewer_assign(
            actor=people["ben"], call=application.call, reviewer=person
        )
        review = services.review_declare(
            actor=person, assignment=assignment, application=application, has_conflict=False
        )
        if marks is not None:
            scores = {c.pk: mark for c, mark in zip(criteria, marks, strict=True)}
            services.review_score(actor=person, review=review, scores=scores)
