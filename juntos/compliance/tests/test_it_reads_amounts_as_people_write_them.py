"""Amounts as people write them in each language, said back; bad input a clear 4xx in the
request's language, with the field named, for any input (hypothesis)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from juntos.compliance.amounts import parse_amount
from juntos.compliance.services import rules_load


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2.007,50", "2007.50"),
        ("2,007.50", "2007.50"),
        ("2 007,50", "2007.50"),
        ("2\u202f007,50 $", "2007.50"),
        ("$350.00", "350.00"),
        ("350,00 $", "350.00"),
        ("CA$ 17.85", "17.85"),
        ("17,85", "17.85"),
        ("96", "96"),
        ("39.5", "39.5"),
        ("1.234", "1234"),
        ("1,234,567.89", "1234567.89"),
    ],
)
def test_amounts_are_read_the_way_they_are_written(typed, read):
    assert parse_amount(typed) == Decimal(read)


@pytest.mark.parametrize("typed", ["abc", "1.2.3", "12,34,5", "1e5", "NaN", "$", "17..85", "∞"])
def test_what_is_not_an_amount_is_refused(typed):
    with pytest.raises(ValueError):
        parse_amount(typed)


SLIP = {
    "province": "BC",
    "program": "sawp-mx",
    "start_date": "2025-07-01",
    "end_date": "2025-07-14",
    "working_days": "12",
    "hours_worked": "96",
    "hourly_rate": "17,85 $",
    "gross_pay": "1.713,60",
    "deduction_housing": "$85.32",
}


@pytest.mark.django_db
def test_the_form_reads_spanish_amounts_and_says_what_it_understood(client, rules):
    page = client.post("/es/compliance/check/payslip/", SLIP).content.decode()
    assert "Cómo leímos sus cifras" in page
    assert "1.713,60" in page and "escribió" in page
    assert "SAWP-BC-HOUSING-DEDUCTION" not in page  # $85.32 is exactly the cap for 12 days


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Enter an amount such as 17.85 or 17,85."),
        ("es", "Escriba una cantidad como 17.85 o 17,85."),
        ("fr", "Entrez un montant comme 17.85 ou 17,85."),
    ],
)
def test_text_in_a_number_field_is_refused_in_the_pages_language_and_kept(
    client, rules, language, message
):
    page = client.post(
        f"/{language}/compliance/check/payslip/", {**SLIP, "gross_pay": "mil setecientos"}
    ).content.decode()
    assert message in page
    assert 'value="mil setecientos"' in page and 'value="17,85 $"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("how", "message"),
    [
        ({"body": "es"}, "Escriba una fecha entre los años 2000 y 2100."),
        ({"header": "fr"}, "Entrez une date entre les années 2000 et 2100."),
        ({}, "Enter a date between the years 2000 and 2100."),
    ],
)
def test_the_api_refuses_a_date_of_year_9999_in_the_requests_language(client, rules, how, message):
    facts = {**SLIP, "start_date": "9999-12-25", "end_date": "9999-12-25"}
    body = {"kind": "payslip", "facts": facts}
    if "body" in how:
        body["language"] = how["body"]
    headers = {"HTTP_ACCEPT_LANGUAGE": how["header"]} if "header" in how else {}
    response = client.post(
        "/api/compliance/check", json.dumps(body), content_type="application/json", **headers
    )
    assert response.status_code == 400
    assert response.json()["errors"]["start_date"] == [message]


text_or_number = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["9999-12-25", "0001-01-01", "2025-02-30", "2.007,50", "-5", "1e309", ""]),
)
FIELDS = [
    "start_date",
    "end_date",
    "working_days",
    "hours_worked",
    "hourly_rate",
    "gross_pay",
    "housing_to_date",
    "program_rate",
]


class AnyInputTests(HypothesisTestCase):
    """No input gives a 500: the API and the form answer 200 or a 4xx for anything."""

    @classmethod
    def setUpTestData(cls) -> None:
        rules_load()

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.dictionaries(st.sampled_from(FIELDS), text_or_number, max_size=6))
    def test_the_api_never_fails(self, changes: dict[str, str]) -> None:
        facts: dict[str, object] = {k: v for k, v in SLIP.items() if not k.startswith("deduction_")}
        facts["deductions"] = {"housing": "10"}
        facts.update(changes)
        response = self.client.post(
            "/api/compliance/check",
            json.dumps({"kind": "payslip", "facts": facts, "language": "fr"}),
            content_type="application/json",
        )
        assert response.status_code in (200, 400, 422), response.content

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.dictionaries(st.sampled_from(FIELDS), text_or_number, max_size=6))
    def test_the_form_never_fails(self, changes: dict[str, str]) -> None:
        response = self.client.post("/es/compliance/check/payslip/", {**SLIP, **changes})
        assert response.status_code == 200
