"""Source titles in the reader's language (the rules file's catalogue), and "official" only for
a government site."""

from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path

import pytest

from juntos.compliance.loader import RULES_FILE, read_rules, source_title_in
from juntos.compliance.tests.factories import pay_slip
from juntos.compliance.tests.rules_file import of_rule

CARIBBEAN_2025 = (
    "ESDC, SAWP Caribbean agreement, 2025 amendments (accommodation, British Columbia only)"
)
SLIP = {
    "province": "BC",
    "program": "sawp-mx",
    "start_date": "2025-07-01",
    "end_date": "2025-07-14",
    "working_days": "12",
    "hours_worked": "96",
    "hourly_rate": "17.85",
    "gross_pay": "1713.60",
    "deduction_housing": "120",
}


def test_every_source_title_of_the_file_has_its_spanish_and_french_or_is_a_name():
    names = set()
    for rule in read_rules():
        for version in rule.versions:
            titles = version.source_titles
            if titles:
                assert titles.get("es") and titles.get("fr"), version.source_title
                assert titles["es"] != titles["fr"], version.source_title
            else:
                names.add(version.source_title)
    # A name is a publisher's (newspaper, radio, firm): short and without a description.
    assert all("," not in name and "(" not in name for name in names), names


def test_the_loader_refuses_a_version_whose_title_is_not_in_the_catalogue(tmp_path: Path):
    text = RULES_FILE.read_text(encoding="utf-8").replace(
        f'title = "{CARIBBEAN_2025}"', 'title = "A title nobody translated"', 1
    )
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="A title nobody translated"):
        read_rules(path)


def test_a_title_the_file_does_not_know_is_shown_as_written():
    assert source_title_in("Added by a coordinator", "es") == "Added by a coordinator"
    assert source_title_in("Global News", "fr") == "Global News"


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", CARIBBEAN_2025),
        ("es", "EDSC, acuerdo del PTAT con el Caribe, modificaciones de 2025"),
        ("fr", "EDSC, accord du PTAS avec les Antilles, modifications de 2025"),
    ],
)
def test_a_finding_names_its_source_in_the_readers_language(language, title):
    slip = pay_slip(program="sawp-car", deductions={"housing": Decimal("120")})
    [finding] = of_rule(slip, "SAWP-BC-HOUSING-DEDUCTION", language=language)
    assert finding.source_title.startswith(title)


@pytest.mark.django_db
def test_the_results_page_shows_the_french_title_and_calls_a_government_site_official(
    client, rules
):
    page = html.unescape(client.post("/fr/compliance/check/payslip/", SLIP).content.decode())
    assert "Source officielle" in page
    assert "EDSC, accord du PTAS avec les Antilles, modifications de 2025" in page
    assert "ESDC, SAWP Caribbean" not in page


@pytest.mark.django_db
def test_the_rule_page_names_sources_in_spanish_and_a_newswire_is_reported_by(client, rules):
    page = html.unescape(client.get("/es/compliance/rules/MW-QC/").content.decode())
    # The Quebec government's releases come through a newswire (CNW): not a government site.
    assert "Gobierno de Quebec (CNW)" in page
    assert "Gouvernement du Québec (CNW)" not in page
    assert "Fuente oficial" not in page
    page = html.unescape(client.get("/es/compliance/rules/SAWP-MIN-HOURS/").content.decode())
    assert "Fuente oficial" in page
    assert (
        "EDSC, contrato del PTAT para trabajadores mexicanos (2018), sección I, cláusula 2" in page
    )
