"""The JSON API: a check, its validation errors, and the rules (with query counts)."""

from __future__ import annotations

import pytest

from juntos.compliance.tests.factories import explained_rule
from juntos.testing.queries import assert_max_queries, assert_queries_do_not_grow

FACTS = {
    "province": "BC",
    "program": "sawp-car",
    "start_date": "2025-07-01",
    "end_date": "2025-07-14",
    "working_days": 12,
    "hours_worked": "96",
    "hourly_rate": "17.85",
    "gross_pay": "1713.60",
    "deductions": {"housing": "120"},
}


@pytest.mark.django_db
def test_the_api_checks_a_pay_slip_in_the_language_asked(client, rules):
    response = client.post(
        "/api/compliance/check",
        {"kind": "payslip", "language": "fr", "facts": FACTS},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "violation"
    [housing] = [f for f in body["findings"] if f["rule_id"] == "SAWP-BC-HOUSING-DEDUCTION"]
    assert housing["severity"] == "violation"
    assert housing["title"].startswith("Retenue pour le logement en Colombie-Britannique")
    assert {
        "label": "Maximum permis pour cette période de paie",
        "value": "85.32",
        "unit": "money",
    } in housing["figures"]
    assert housing["source_url"].startswith("https://www.canada.ca/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({**FACTS, "hourly_rate": "abc"}, "hourly_rate"),
        ({**FACTS, "end_date": "2025-06-01"}, "end_date"),
        ({**FACTS, "province": "XX"}, "province"),
        ({**FACTS, "deductions": {"bribe": "5"}}, "deductions"),
        ({**FACTS, "deductions": ["housing"]}, "deductions"),
        ({**FACTS, "working_days": 40}, "working_days"),
        ({key: value for key, value in FACTS.items() if key != "gross_pay"}, "gross_pay"),
    ],
)
def test_bad_facts_get_400_with_the_field_named(client, rules, facts, field):
    response = client.post(
        "/api/compliance/check",
        {"kind": "payslip", "facts": facts},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.django_db
def test_an_unknown_kind_is_refused(client, rules):
    response = client.post(
        "/api/compliance/check", {"kind": "poem", "facts": FACTS}, content_type="application/json"
    )
    assert response.status_code == 400 and "kind" in response.json()["errors"]


@pytest.mark.django_db
def test_the_rules_list_keeps_its_query_count(client):
    assert_queries_do_not_grow(
        add_items=lambda n: [explained_rule() for _ in range(n)],
        fetch=lambda: client.get("/api/compliance/rules?language=es"),
        limit=3,
    )
    body = client.get("/api/compliance/rules?language=es").json()
    assert body[0]["versions"][0]["title"].endswith(" es")


@pytest.mark.django_db
def test_the_rules_list_filters_by_province(client, rules):
    rules_for_bc = {r["rule_id"] for r in client.get("/api/compliance/rules?province=bc").json()}
    assert "MW-BC" in rules_for_bc and "SAWP-WAGE-FLOOR" in rules_for_bc
    assert "MW-ON" not in rules_for_bc


@pytest.mark.django_db
def test_one_rule(client, rules):
    with assert_max_queries(3):
        body = client.get("/api/compliance/rules/SAWP-BC-HOUSING-DEDUCTION").json()
    assert [v["effective_from"] for v in body["versions"]] == ["2025-01-01", "2026-01-01"]
    assert client.get("/api/compliance/rules/NOPE").status_code == 404


@pytest.mark.django_db
def test_a_body_that_is_not_json_gets_400_with_its_reason(client):
    response = client.post("/api/compliance/check", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Cannot parse request body"
