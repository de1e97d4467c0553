"""Carl checks his own job offer before publishing it; the obligations are phrased for him."""

from __future__ import annotations

import html

import pytest

from juntos.compliance.models import SavedCheck

URL = "/en/compliance/employer/check/"
OFFER = {
    "province": "BC",
    "program": "sawp-mx",
    "employer_name": "Okanagan Orchards Ltd.",
    "start_date": "2026-05-01",
    "end_date": "2026-12-20",
    "hourly_rate": "18.25",
    "program_rate": "18.00",
    "guaranteed_weekly_hours": "35",
    "deduction_housing": "8.00",
    "deduction_airfare": "5.00",
    "recruiter_used": "on",
    "recruiter_licensed": "yes",
    "recruiter_fees": "300",
}


@pytest.mark.django_db
def test_carl_sees_his_obligations_and_no_report_button(client_as, rules):
    response = client_as("carl").post(URL, OFFER)
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Does not meet this obligation" in page
    for rule_id in (
        "SAWP-SEASON-WINDOW",
        "SAWP-MIN-HOURS",
        "SAWP-NO-AIRFARE-RECOVERY-BC",
        "TFWP-NO-RECRUITMENT-FEES",
        "BC-TFWPA-NO-FEES",
    ):
        assert rule_id in page
    assert "You may employ a SAWP worker" not in page  # the 8-month rule is met
    assert "The SAWP contract you offer must guarantee at least 240 hours" in page
    assert "Open a confidential report" not in page
    assert SavedCheck.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["rosa", "amina", "ben", "rita", "ines", "dana"])
def test_only_employers_use_the_employer_page(client_as, rules, persona):
    assert client_as(persona).get(URL).status_code == 403


@pytest.mark.django_db
def test_anonymous_is_asked_to_log_in(client):
    assert client.get(URL)["Location"].startswith("/en/login/")


@pytest.mark.django_db
def test_the_checker_points_employers_to_their_page(client_as):
    assert (
        "/en/compliance/employer/check/"
        in client_as("carl").get("/en/compliance/check/").content.decode()
    )
    assert (
        "/en/compliance/employer/check/"
        not in client_as("rosa").get("/en/compliance/check/").content.decode()
    )
