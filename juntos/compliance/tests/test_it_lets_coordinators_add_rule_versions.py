"""Editors add a rule version from a page, without code; it is audited, and applied once a
second editor approves it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from juntos.compliance.loader import TextSpec
from juntos.compliance.models import RuleVersion
from juntos.compliance.services import check_document, rule_version_add, rule_version_approve
from juntos.core.models import AuditEntry

URL = "/en/compliance/rules/MW-BC/new-version/"


def version_form(**changes: str) -> dict[str, str]:
    data = {
        "effective_from": "2027-06-01",
        "certainty": "confirmed",
        "params": '{"hourly": "18.70"}',
        "source_url": "https://www2.gov.bc.ca/minimum-wage",
        "source_title": "B.C. minimum wage order 2027",
        "source_date": "2027-02-01",
        "source_kind": "official",
        "known_until": "2027-12-31",
    }
    for code in ("en", "es", "fr"):
        data |= {
            f"title_{code}": f"Minimum wage {code}",
            f"worker_{code}": f"At least $18.70 an hour ({code}).",
            f"employer_{code}": f"Pay at least $18.70 an hour ({code}).",
        }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_ben_adds_a_new_minimum_wage_and_the_checker_uses_it(client_as, rules, personas):
    ben = client_as("ben")
    form = ben.get(URL)
    assert form.status_code == 200
    assert "18.25" in form.content.decode()  # starts from the latest version

    response = ben.post(URL, version_form())

    assert response.status_code == 302
    version = RuleVersion.objects.get(rule__rule_id="MW-BC", effective_from=dt.date(2027, 6, 1))
    assert version.created_by == personas.ben
    assert version.explanations.count() == 3
    entry = AuditEntry.objects.get(action="compliance.rule_version_added")
    assert entry.actor_id == personas.ben.pk and entry.details["rule"] == "MW-BC"
    assert version.status == "proposed"
    rule_version_approve(actor=personas.admin, version=version)
    result = check_document(
        kind="payslip",
        facts={
            "province": "BC",
            "program": "low-wage",
            "start_date": "2027-06-02",
            "end_date": "2027-06-02",
            "hours_worked": "8",
            "hourly_rate": "18.50",
            "gross_pay": "148",
        },
        language="fr",
    )
    [finding] = [f for f in result.findings if f.rule_id == "MW-BC"]
    assert finding.severity == "violation"
    assert finding.explanation == "At least $18.70 an hour (fr)."


@pytest.mark.django_db
def test_bad_parameters_are_refused_and_what_was_typed_is_kept(client_as, rules):
    response = client_as("ben").post(URL, version_form(params='{"hourly": "lots"}'))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Parameter hourly is not a valid money." in page
    assert "B.C. minimum wage order 2027" in page
    assert not RuleVersion.objects.filter(effective_from=dt.date(2027, 6, 1)).exists()


@pytest.mark.django_db
def test_a_second_version_on_the_same_day_is_refused(client_as, rules):
    response = client_as("ben").post(URL, version_form(effective_from="2026-06-01"))
    assert "already has a version starting on that day" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["rosa", "amina", "carl", "rita", "ines", "dana"])
def test_nobody_else_may_add_a_version(client_as, rules, persona):
    before = RuleVersion.objects.count()
    assert client_as(persona).post(URL, version_form()).status_code == 403
    assert RuleVersion.objects.count() == before


@pytest.mark.django_db
def test_the_service_refuses_others_too(rules, personas):
    from juntos.compliance.models import Rule

    with pytest.raises(PermissionDenied):
        rule_version_add(
            actor=personas.dana,
            rule=Rule.objects.get(rule_id="MW-BC"),
            effective_from=dt.date(2027, 1, 1),
            certainty="confirmed",
            params={"hourly": str(Decimal("19"))},
            source_url="https://example.org",
            source_title="x",
            source_date=None,
            texts={c: TextSpec("t", "w", "e") for c in ("en", "es", "fr")},
        )


@pytest.mark.django_db
def test_the_rule_page_offers_the_form_to_coordinators_only(client, client_as, rules):
    add = reverse("compliance:rule_version_add", kwargs={"rule_id": "MW-BC"})
    assert add in client_as("ben").get("/en/compliance/rules/MW-BC/").content.decode()
    assert add not in client_as("dana").get("/en/compliance/rules/MW-BC/").content.decode()
    assert client.get("/en/compliance/rules/NO-SUCH-RULE/").status_code == 404
