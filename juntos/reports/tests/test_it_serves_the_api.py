"""The API gives the SMS and WhatsApp channels the worker's flows, with the same protections."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from juntos.reports import selectors, services
from juntos.reports.models import Report

# A month the intake form offers (the last 24), as the API takes the same months.
MONTH = (timezone.localdate().replace(day=1) - dt.timedelta(days=100)).replace(day=1)


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(
        f"/api/reports/{path}", body, content_type="application/json", REMOTE_ADDR="203.0.113.9"
    )


def test_intake_status_and_messages_by_code(personas):
    client = Client()
    made = post(
        client,
        "intake",
        {
            "category": "unpaid-hours",
            "details": "Horas sin pagar",
            "language": "es",
            "province": "bc",
            "incident_month": MONTH.strftime("%Y-%m"),
        },
    )
    assert made.status_code == 201
    code = made.json()["receipt_code"]
    report = Report.objects.get()
    assert report.province == "BC" and report.language == "es" and report.incident_month == MONTH
    case = services.case_open(
        actor=personas.amina, opened=selectors.get_report_for(personas.amina, report.pk)
    )
    services.case_message_send(
        actor=personas.amina,
        case=case,
        opened=selectors.get_report_for(personas.amina, report.pk),
        body="¿Cuántas horas?",
    )
    assert post(client, "messages", {"code": code, "body": "Unas 40"}).status_code == 201
    status = post(client, "status", {"code": code}).json()
    assert (
        status["stage"] == "reviewing"
        and status["organisation"] == "Fraser Valley Migrant Worker Support"
    )
    assert [m["body"] for m in status["messages"]] == ["¿Cuántas horas?", "Unas 40"]


def test_bad_input_and_wrong_codes_get_clear_errors(personas, settings):
    client = Client()
    empty = post(client, "intake", {"category": "nonsense", "details": " "})
    assert empty.status_code == 400 and set(empty.json()["fields"]) == {"category", "details"}
    settings.JUNTOS_REPORTS_CODE_FAILURES_GLOBAL = 2
    assert post(client, "status", {"code": "nope"}).status_code == 404
    assert post(client, "status", {"code": "QQQQ-0000-0000-0000-0000"}).status_code == 404
    assert post(client, "status", {"code": "QQQQ-0000-0000-0000-0001"}).status_code == 429


def test_consent_by_code_sends_the_referral(personas):
    submission = services.report_submit(
        category="housing", details="Casa sin agua", language="es", province="BC"
    )
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    case = services.case_open(actor=personas.amina, opened=opened)
    from juntos.accounts.selectors import organisations_by_slug

    agency = organisations_by_slug(["tfw-integrity"])["tfw-integrity"]
    consent = services.consent_request(
        actor=personas.amina, case=case, opened=opened, inspectorate_id=agency.pk
    )
    client = Client()
    pending = post(client, "status", {"code": submission.receipt_code}).json()["pending_consents"]
    assert pending == [
        {
            "id": str(consent.pk),
            "asked_by": "Fraser Valley Migrant Worker Support",
            "inspectorate": agency.name,
        }
    ]
    assert (
        post(
            client,
            "consents",
            {"code": submission.receipt_code, "consent_id": str(consent.pk), "agree": True},
        ).status_code
        == 200
    )
    assert selectors.inspector_referrals_for(personas.ines).count() == 1
    assert (
        post(
            client,
            "consents",
            {"code": submission.receipt_code, "consent_id": str(consent.pk), "agree": True},
        ).status_code
        == 400
    )
