"""The issue's bad input: a budget that does not add up, a deadline passed, a rubric that
does not total 100, a reviewer with a conflict. Each says why, translated, and loses nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from juntos.funding import services
from juntos.funding.models import Call
from juntos.funding.tests.factories import adopted_recommendation, make_application, make_call
from juntos.testing.personas import logged_in_client


def _call_body(recommendation_id: int, criteria: str, **extra: str) -> dict[str, Any]:
    deadline = timezone.localtime(timezone.now() + dt.timedelta(days=9))
    return {
        "recommendations": [recommendation_id],
        "title_es": "Una convocatoria",
        "description_es": "Acerca de.",
        "amount": "1000",
        "currency": "CAD",
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "time_zone": "America/Vancouver",
        "required_partners": "1",
        "reviews_needed": "1",
        "criteria": criteria,
        **extra,
    }


def test_a_rubric_not_totalling_100_is_refused_in_spanish_keeping_the_form(personas: Any) -> None:
    recommendation_id = adopted_recommendation(personas)
    ben = logged_in_client(personas.ben)
    with translation.override("es"):
        url = reverse("funding:call_create")
    body = _call_body(recommendation_id, "60 Participación\n30 Alianza")
    page = ben.post(url, body).content.decode()
    assert "deben sumar exactamente 100" in page and "suman 90" in page
    assert "60 Participación" in page and "Una convocatoria" in page  # nothing lost
    assert not Call.objects.exists()


def test_a_call_must_take_up_an_adopted_recommendation(personas: Any) -> None:
    body = _call_body(0, "100 Impacto")
    body.pop("recommendations")
    page = logged_in_client(personas.ben).post(reverse("funding:call_create"), body)
    assert "Link at least one recommendation the plenary adopted." in page.content.decode()
    with pytest.raises(ValidationError):
        make_call(personas, recommendation_id=987654)
    assert not Call.objects.exists()


def test_a_budget_that_does_not_add_up_is_refused_and_kept(personas: Any, partner: Any) -> None:
    application = make_application(personas, make_call(personas), partner)
    services.application_update(
        actor=personas.amina,
        application=application,
        title=application.title,
        summary="",
        lead_share=Decimal("11999.99"),
    )
    with translation.override("fr"):
        url = reverse("funding:submit", kwargs={"application_id": application.pk})
        page = logged_in_client(personas.amina).post(url, HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode()
    assert "19999.99" in text and "20000.00" in text
    application.refresh_from_db()
    assert application.status == "draft" and application.budget_lines.count() == 2


def test_a_category_far_over_its_allowance_needs_a_justification(
    personas: Any, partner: Any
) -> None:
    call = make_call(personas, category_caps={"travel": Decimal(10)})
    application = make_application(personas, call, partner)
    line = services.budget_line_add(
        actor=personas.amina,
        application=application,
        category="travel",
        description="Flights",
        amount=Decimal("5000.00"),
        currency="CAD",
    )
    services.application_update(
        actor=personas.amina,
        application=application,
        title=application.title,
        summary="",
        lead_share=Decimal("17000.00"),
    )
    # 5,000 of 25,000 is 20%: the 10% allowance is 2,500, and 110% of it is 2,750.
    problems = services.budget_problems(application)
    assert any("more than 10% over its allowance" in p for p in problems["budget"])
    line.justification = "Workers fly in from Oaxaca."
    line.save()
    assert services.budget_problems(application) == {}


def test_after_the_deadline_submission_is_refused_and_the_draft_kept(
    personas: Any, partner: Any
) -> None:
    application = make_application(personas, make_call(personas), partner)
    late = application.call.deadline + dt.timedelta(minutes=1)
    with pytest.raises(ValidationError) as refused:
        services.application_submit(actor=personas.amina, application=application, now=late)
    assert "The deadline has passed" in refused.value.messages[0]
    assert "America/Vancouver" in refused.value.messages[0]
    application.refresh_from_db()
    assert application.status == "draft" and application.partners.count() == 1


def test_a_line_in_pesos_without_a_rate_is_refused(personas: Any, partner: Any) -> None:
    application = make_application(personas, make_call(personas), partner)
    url = reverse("funding:line_add", kwargs={"application_id": application.pk})
    page = (
        logged_in_client(personas.amina)
        .post(
            url,
            {
                "category": "materials",
                "description": "Folletos",
                "amount": "3000",
                "currency": "MXN",
            },
        )
        .content.decode()
    )
    assert "give the exchange rate" in page and "Folletos" in page
    assert application.budget_lines.count() == 2


def test_a_reviewer_with_a_conflict_is_recused_and_her_score_excluded(
    personas: Any, partner: Any
) -> None:
    application = make_application(personas, make_call(personas), partner, submitted=True)
    assignment = services.reviewer_assign(
        actor=personas.ben, call=application.call, reviewer=personas.ines
    )
    review = services.review_declare(
        actor=personas.ines,
        assignment=assignment,
        application=application,
        has_conflict=True,
        note="My sister works there.",
    )
    assert review.status == "recused"
    criteria = {c.pk: 10 for c in application.call.criteria.all()}
    with pytest.raises(ValidationError) as refused:
        services.review_score(actor=personas.ines, review=review, scores=criteria)
    assert "recused" in refused.value.messages[0]
    page = (
        logged_in_client(personas.ines)
        .get(reverse("funding:review", kwargs={"application_id": application.pk}))
        .content.decode()
    )
    assert "Caseworker time" not in page and "recused" in page


def test_changing_a_submitted_application_says_why_instead_of_failing(
    personas: Any, partner: Any
) -> None:
    application = make_application(personas, make_call(personas), partner, submitted=True)
    amina = logged_in_client(personas.amina)
    line = application.budget_lines.all()[0]
    url = reverse(
        "funding:line_remove", kwargs={"application_id": application.pk, "line_id": line.pk}
    )
    page = amina.post(url, follow=True).content.decode()
    assert "it can no longer be changed" in page
    assert application.budget_lines.count() == 2
