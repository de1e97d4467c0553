"""Bad input gets a clear message in the person's language and loses nothing typed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from juntos.compliance.services import rules_load


@pytest.mark.django_db
def test_a_wrong_date_order_is_explained_in_french_and_the_figures_stay(client, rules):
    response = client.post(
        "/fr/compliance/check/payslip/",
        {
            "province": "BC",
            "program": "sawp-mx",
            "start_date": "2025-07-14",
            "end_date": "2025-07-01",
            "hours_worked": "96",
            "hourly_rate": "17,85",
            "gross_pay": "1713,60",
            "deduction_housing": "120",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "La date de fin doit être égale ou postérieure à la date de début." in page
    assert 'value="1713,60"' in page and 'value="120"' in page


@pytest.mark.django_db
def test_missing_figures_are_named_in_spanish(client, rules):
    response = client.post("/es/compliance/check/contract/", {"province": "BC"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Revise lo que escribió" in page
    assert "Este campo es obligatorio." in page
    assert 'href="#id_program"' in page and 'href="#id_hourly_rate"' in page


@pytest.mark.django_db
def test_more_working_days_than_the_period_has(client, rules):
    response = client.post(
        "/en/compliance/check/payslip/",
        {
            "province": "BC",
            "program": "sawp-mx",
            "start_date": "2025-07-01",
            "end_date": "2025-07-03",
            "working_days": "5",
            "hours_worked": "20",
            "hourly_rate": "18",
            "gross_pay": "360",
        },
    )
    assert "There are only 3 days in this period." in response.content.decode()


def test_an_unknown_kind_of_document_is_not_found(client):
    assert client.get("/en/compliance/check/poem/").status_code == 404


FIELDS = [
    "province",
    "program",
    "start_date",
    "end_date",
    "working_days",
    "hours_worked",
    "hourly_rate",
    "gross_pay",
    "program_rate",
    "deduction_housing",
    "deduction_other",
    "guaranteed_weekly_hours",
    "signed_on",
    "recruiter_fees",
    "recruiter_licensed",
    "employer_name",
]


class GarbageNeverBreaksTheChecker(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        rules_load()

    @settings(max_examples=40, deadline=None)
    @given(
        st.sampled_from(["payslip", "contract", "offer"]),
        st.dictionaries(
            st.sampled_from(FIELDS),
            st.text(max_size=12)
            | st.sampled_from(["1e9", "-1", "NaN", "2025-02-30", "BC", "sawp-mx"]),
        ),
    )
    def test_any_input_gets_a_page_not_a_500(self, kind: str, data: dict[str, str]) -> None:
        data = {k: v.replace("\x00", "") for k, v in data.items()}
        response = self.client.post(f"/en/compliance/check/{kind}/", data)
        assert response.status_code == 200
