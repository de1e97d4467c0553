"""The report API and the intake form accept and refuse the same input, with the same words.

The API used to cut long stories at 10,000 characters, file an unknown language as English and
turn an unknown contact mode into "do not contact me", dropping a request to be contacted.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from juntos.reports.forms import IntakeForm
from juntos.reports.models import Report

GOOD: dict[str, Any] = {
    "category": "housing",
    "details": "La casa no tiene agua caliente.",
    "language": "es",
    "province": "BC",
    "contact_mode": "anonymous",
}


def api_intake(body: dict[str, Any], accept_language: str = "es") -> Any:
    return Client().post(
        "/api/reports/intake",
        body,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=accept_language,
    )


def form_errors(body: dict[str, Any], language: str = "es") -> dict[str, list[str]]:
    """What the intake page says about the same input, in the same language."""
    data = {key: value for key, value in body.items() if key != "language"}
    with translation.override(language):
        form = IntakeForm(data)
        form.is_valid()
        return {field: [str(m) for m in messages] for field, messages in form.errors.items()}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"details": "x" * 10_001}, "details"),
        ({"contact_mode": "call-me-maybe"}, "contact_mode"),
        ({"category": "nonsense"}, "category"),
        ({"contact_channel": "pigeon", "contact_mode": "confidential"}, "contact_channel"),
        ({"contact_mode": "confidential", "contact_address": ""}, "contact_address"),
        ({"employer_name": "G" * 201}, "employer_name"),
        ({"contact_address": "5" * 201}, "contact_address"),
        ({"province": "ZZ"}, "province"),
    ],
)
def test_the_api_refuses_what_the_form_refuses_with_the_same_message(db, change, field):
    body = {**GOOD, **change}
    response = api_intake(body)
    expected = form_errors(body)
    assert field in expected, expected
    assert response.status_code == 400, response.content
    assert response.json()["fields"][field] == expected[field]
    assert Report.objects.count() == 0


def test_a_long_story_is_refused_not_cut(db):
    story = "Nos deben el pago de tres semanas. " * 300  # about 10,500 characters
    response = api_intake({**GOOD, "details": story})
    assert response.status_code == 400
    assert "10000" in response.json()["fields"]["details"][0].replace(".", "").replace(",", "")
    assert Report.objects.count() == 0


def test_an_unknown_language_is_refused_in_the_request_language(db):
    response = api_intake({**GOOD, "language": "xx"}, accept_language="fr")
    assert response.status_code == 400
    with translation.override("fr"):
        expected = str(translation.gettext("Choose a language from the list."))
    assert response.json()["fields"]["language"] == [expected]
    assert expected != "Choose a language from the list."
    assert Report.objects.count() == 0


def test_an_unknown_contact_mode_is_never_filed_as_anonymous(db):
    response = api_intake(
        {
            **GOOD,
            "contact_mode": "contact-me",
            "contact_channel": "sms",
            "contact_address": "+12505550123",
        }
    )
    assert response.status_code == 400 and "contact_mode" in response.json()["fields"]
    assert not Report.objects.exists()


def test_messages_follow_the_report_language(db):
    response = api_intake({**GOOD, "language": "es", "category": ""}, accept_language="en")
    with translation.override("es"):
        expected = str(translation.gettext("Please choose what happened."))
    assert expected != "Please choose what happened."
    assert response.json()["fields"]["category"] == [expected]


def test_what_the_form_accepts_the_api_accepts(db):
    body = {**GOOD, "province": "bc", "details": "y" * 10_000, "incident_month": ""}
    assert form_errors(body) == {}
    response = api_intake(body)
    assert response.status_code == 201, response.content
    report = Report.objects.get()
    assert report.province == "BC" and report.language == "es"


def test_the_page_shows_the_same_message(db):
    body = {**GOOD, "details": "x" * 10_001}
    with translation.override("es"):
        url = reverse("reports:intake")
    page = Client().post(url, body).content.decode()
    [message] = form_errors(body)["details"]
    assert message.replace("“", "&ldquo;") in page or message in page
