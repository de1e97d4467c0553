"""The issue's walk, as people would do it on the pages: a call from an adopted
recommendation, a partnered application, review with a refusal, award, report, approval,
and a 360Giving file that validates."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from juntos.accounts.choices import Role
from juntos.accounts.services import membership_grant, person_create
from juntos.core.models import AuditEntry
from juntos.funding.models import Application, Call, Project, Report, Review
from juntos.funding.tests.factories import adopted_recommendation, fraser
from juntos.funding.tests.giving_schema import giving_errors
from juntos.testing.personas import logged_in_client


def _reviewer(name: str, email: str) -> Any:
    return person_create(
        actor=None,
        display_name=name,
        password="x-test-password-8",
        email=email,
        language="fr",
        channel="email",
    )


def _open_call(ben: Any, recommendation_id: int) -> Call:
    deadline = timezone.localtime(timezone.now() + dt.timedelta(days=20))
    response = ben.post(
        reverse("funding:call_create"),
        {
            "recommendations": [recommendation_id],
            "title_en": "Safer housing",
            "description_en": "Housing projects with workers.",
            "title_es": "Vivienda más segura",
            "description_es": "Proyectos de vivienda.",
            "amount": "50000.00",
            "currency": "CAD",
            "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
            "time_zone": "America/Toronto",
            "required_partners": "1",
            "reviews_needed": "2",
            "criteria": "40 Worker involvement\n35 Partnership\n25 Value for money",
            "indicators": "workers-reached Workers reached",
            "cap_staff": "50",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Call.objects.get()


def test_it_walks_from_recommendation_to_published_grant(personas: Any, partner: Any) -> None:
    recommendation_id = adopted_recommendation(personas)
    ben = logged_in_client(personas.ben)
    call = _open_call(ben, recommendation_id)
    page = ben.get(reverse("funding:call", kwargs={"call_id": call.pk})).content.decode()
    assert "Emergency line" in page  # the adopted recommendation
    assert "4 for, 1 against, 0 abstaining" in page  # how the plenary voted
    assert "America/Toronto" in page
    assert "Not yet written in: French" in page

    amina = logged_in_client(personas.amina)
    response = amina.post(
        reverse("funding:application_start", kwargs={"call_id": call.pk}),
        {"title": "Housing inspections", "lead_organisation": fraser(personas).pk},
    )
    application = Application.objects.get()
    base = {"application_id": application.pk}
    assert response.status_code == 302
    amina.post(
        reverse("funding:application", kwargs=base),
        {"title": "Housing inspections", "summary": "Visits.", "lead_share": "12000.00"},
    )
    amina.post(
        reverse("funding:partner_add", kwargs=base),
        {"organisation": partner.organisation.pk, "share": "8000.00"},
    )
    amina.post(
        reverse("funding:line_add", kwargs=base),
        {
            "category": "staff",
            "description": "Caseworker time",
            "amount": "10000",
            "currency": "CAD",
        },
    )
    amina.post(
        reverse("funding:line_add", kwargs=base),
        {
            "category": "activities",
            "description": "Visits",
            "amount": "200000",
            "currency": "MXN",
            "exchange_rate": "0.05",
            "rate_date": "2026-11-30",
        },
    )
    # Not yet confirmed by the partner: submitting is refused and nothing is lost.
    refused = amina.post(reverse("funding:submit", kwargs=base)).content.decode()
    assert "Every partner must confirm" in refused or "confirmed partner" in refused
    link = application.partners.get()
    pat = logged_in_client(partner.staff)
    pat.post(
        reverse("funding:partner_answer", kwargs={**base, "partner_id": link.pk}),
        {"answer": "confirm"},
    )
    assert amina.post(reverse("funding:submit", kwargs=base)).status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"
    line = application.budget_lines.get(currency="MXN")
    assert line.amount_in_call_currency == Decimal("10000.00")
    assert (line.exchange_rate, line.rate_date) == (Decimal("0.05"), dt.date(2026, 11, 30))

    olga, ines = _reviewer("Olga", "olga@example.org"), personas.ines
    colleague = _reviewer("Colleague", "colleague@fraservalley.example.org")
    membership_grant(
        actor=None, user=colleague, organisation=fraser(personas), role=Role.SUPERVISOR
    )
    for person in (ines, olga, colleague):
        ben.post(reverse("funding:board", kwargs={"call_id": call.pk}), {"reviewer": person.email})
    assert call.reviewers.count() == 3
    criteria = list(call.criteria.all())
    for person, scores in ((ines, (8, 6, 10)), (olga, (6, 8, 4))):
        client = logged_in_client(person)
        before = client.get(reverse("funding:review", kwargs=base)).content.decode()
        assert "Caseworker time" not in before  # nothing beyond public fields yet
        client.post(reverse("funding:review", kwargs=base), {"has_conflict": "no"})
        client.post(
            reverse("funding:review", kwargs=base),
            {f"score_{c.pk}": s for c, s in zip(criteria, scores, strict=True)},
        )
    refused_client = logged_in_client(colleague)
    refused_client.post(reverse("funding:review", kwargs=base), {"has_conflict": "no"})
    refused_page = refused_client.get(reverse("funding:review", kwargs=base)).content.decode()
    assert "Caseworker time" not in refused_page
    assert Review.objects.get(assignment__reviewer=colleague).status == "refused"
    board = ben.get(reverse("funding:board", kwargs={"call_id": call.pk})).content.decode()
    # ines 0.4*80+0.35*60+0.25*100 = 78; olga 24+28+10 = 62; running total 70.
    assert "70.00" in board
    # Applicants never see who reviewed.
    own = amina.get(reverse("funding:application", kwargs=base)).content.decode()
    assert "Olga" not in own and personas.ines.display_name not in own

    start = timezone.localdate()
    response = ben.post(
        reverse("funding:award", kwargs=base),
        {
            "amount": "20000.00",
            "starts_on": start.isoformat(),
            "ends_on": (start + dt.timedelta(days=360)).isoformat(),
            "milestone_1": "First visits",
            "milestone_1_on": (start + dt.timedelta(days=60)).isoformat(),
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302 and project.reports.count() >= 4
    first = project.reports.order_by("due_on").first()
    assert first is not None
    # Nothing public before approval.
    assert "Workers reached: 40" not in amina.get(reverse("funding:grants")).content.decode()
    amina.post(
        reverse("funding:report_file", kwargs={"report_id": first.pk}),
        {
            "narrative": "Forty workers took part.",
            **_actuals(call, total=40, woman=25, man=14, undisclosed=1, indigenous=6),
        },
    )
    first.refresh_from_db()
    assert first.status == "submitted" and first.versions.count() == 1
    ben.post(reverse("funding:report_approve", kwargs={"report_id": first.pk}))
    assert Report.objects.get(pk=first.pk).status == "approved"
    assert (
        "Workers reached: 40"
        in logged_in_client(personas.dana).get(reverse("funding:grants")).content.decode()
    )

    package = json.loads(ben.get("/api/funding/360giving.json").content)
    assert giving_errors(package) == []
    assert package["grants"][0]["amountAwarded"] == 20000
    assert AuditEntry.objects.filter(action="funding.report_approve").exists()


def _actuals(call: Call, **figures: int) -> dict[str, int]:
    indicator = call.indicators.get()
    prefix = f"a{indicator.pk}_"
    fields = {f"{prefix}total": figures["total"]}
    for key in ("woman", "man", "non-binary", "undisclosed"):
        fields[f"{prefix}gender_{key}"] = figures.get(key.replace("-", "_"), 0)
    fields[f"{prefix}group_indigenous"] = figures.get("indigenous", 0)
    return fields
