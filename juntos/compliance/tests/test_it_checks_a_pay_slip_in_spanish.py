"""The done-when walk: in Spanish, a BC SAWP pay slip with housing above the cap, its finding,
figures and source, and the way on to a confidential report."""

from __future__ import annotations

import html
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from juntos.compliance.models import SavedCheck
from juntos.core.models import AuditEntry, PendingAnonymousAuditEntry

PAY_SLIP = {
    "province": "BC",
    "program": "sawp-mx",
    "start_date": "2025-07-01",
    "end_date": "2025-07-14",
    "working_days": "12",
    "hours_worked": "96",
    "hourly_rate": "17,85",
    "gross_pay": "1713,60",
    "program_rate": "",
    "same_work_rate": "",
    "deduction_housing": "120",
    "deduction_statutory": "210,50",
}


@pytest.mark.django_db
def test_a_worker_checks_her_pay_slip_in_spanish_and_opens_a_report(client, rules):
    url = "/es/compliance/check/payslip/"
    form = client.get(url)
    assert form.status_code == 200
    assert "Vivienda (renta)" in form.content.decode()

    response = client.post(url, PAY_SLIP)

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Descuento por vivienda en Columbia Británica" in page
    assert "SAWP-BC-HOUSING-DEDUCTION" in page
    assert "Incumple la norma" in page
    assert "120,00" in page and "85,32" in page and "946,95" in page
    assert (
        "https://www.canada.ca/en/employment-social-development/services/foreign-workers/agricultural/seasonal-agricultural/requirements/caribbean/agreements.html"
        in page
    )
    link = _report_link(page)
    assert link.startswith(reverse("reports:intake"))
    query = parse_qs(urlsplit(link).query)
    assert query["category"] == ["deductions"]
    assert query["province"] == ["BC"]
    assert query["program"] == ["sawp-mx"]
    assert query["source"] == ["compliance"]
    assert "85,32" in query["details"][0] and "Vivienda" in query["details"][0]
    assert client.get(link).status_code == 200


@pytest.mark.django_db
def test_an_anonymous_check_keeps_nothing(client, rules):
    audit_before = AuditEntry.objects.count()
    response = client.post("/es/compliance/check/payslip/", {**PAY_SLIP, "keep": "on"})
    assert response.status_code == 200
    assert SavedCheck.objects.count() == 0
    assert AuditEntry.objects.count() == audit_before
    assert PendingAnonymousAuditEntry.objects.count() == 0
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_rosa_keeps_her_result_and_only_she_sees_it(client_as, rules, personas):
    rosa = client_as("rosa")
    response = rosa.post("/es/compliance/check/payslip/", {**PAY_SLIP, "keep": "on"})
    assert response.status_code == 200
    saved = SavedCheck.objects.get()
    assert saved.owner == personas.rosa
    assert saved.findings[0]["rule_id"] == "SAWP-BC-HOUSING-DEDUCTION"
    assert AuditEntry.objects.filter(
        action="compliance.check_saved", object_id=str(saved.pk)
    ).exists()

    detail = reverse("compliance:saved_detail", kwargs={"check_id": saved.pk})
    assert "85,32" in rosa.get("/es" + detail[3:]).content.decode()
    for other in ("amina", "dana", "carl", "ben"):
        assert client_as(other).get(detail).status_code == 404


def _report_link(page: str) -> str:
    marker = 'class="button" href="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]
