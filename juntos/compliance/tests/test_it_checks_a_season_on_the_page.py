"""The season form: several pay slips typed on one page, with no JavaScript; rows added by a
plain button keep everything typed; errors are named per slip in the person's language."""

from __future__ import annotations

import html
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from juntos.compliance.services import rules_load

URL = "/{language}/compliance/check/season/"


def slip(number: int, first: str, last: str, housing: str, days: str = "12") -> dict[str, str]:
    prefix = f"slip-{number}-"
    values = {
        "start_date": first,
        "end_date": last,
        "working_days": days,
        "hours_worked": "96",
        "hourly_rate": "18,00",
        "gross_pay": "1.728,00",
        "deduction_housing": housing,
    }
    return {prefix + name: value for name, value in values.items()}


def season(*slips: dict[str, str], rows: int = 3) -> dict[str, Any]:
    data: dict[str, Any] = {"province": "BC", "program": "sawp-mx", "rows": str(rows)}
    for one in slips:
        data |= one
    return data


def eleven_and_one_slips() -> dict[str, Any]:
    # Twelve slips of $85.32 (12 working days at $7.11): the per-day cap holds on each, the
    # twelfth passes the 2025 season cap of $946.95.
    slips = []
    for n in range(12):
        month, half = 5 + n // 2, n % 2
        first = f"2025-{month:02d}-{1 + 15 * half:02d}"
        last = f"2025-{month:02d}-{14 + 15 * half:02d}"
        slips.append(slip(n, first, last, "85,32"))
    return season(*slips, rows=12)


@pytest.mark.django_db
def test_the_start_page_links_to_the_season_form(client):
    page = client.get("/en/compliance/check/").content.decode()
    assert 'href="/en/compliance/check/season/"' in page


@pytest.mark.django_db
def test_an_empty_form_has_three_rows_and_asks_for_working_days(client):
    page = client.get(URL.format(language="es")).content.decode()
    assert page.count('name="slip-2-start_date"') == 1 and 'name="slip-3-start_date"' not in page
    assert "Días que trabajó en este periodo" in page
    assert 'name="add_slip"' in page


@pytest.mark.django_db
def test_adding_a_slip_keeps_everything_typed_and_shows_no_error_yet(client):
    data = season(slip(0, "2025-06-01", "2025-06-14", "85,32"), slip(1, "2025-06-15", "", "oops"))
    response = client.post(URL.format(language="fr"), {**data, "add_slip": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="slip-3-start_date"' in page and 'name="rows" value="4"' in page
    for value in ("85,32", "1.728,00", "2025-06-15", "oops"):
        assert f'value="{value}"' in page
    assert '<option value="BC" selected>' in page
    assert "errorlist" not in page


@pytest.mark.django_db
def test_the_season_cap_is_enforced_over_the_slips_in_spanish(client, rules):
    response = client.post(URL.format(language="es"), eleven_and_one_slips())
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Resultado de la revisión: Temporada de recibos de pago" in page
    assert "Para toda la temporada" in page and "Cada recibo de pago" in page
    assert "946,95" in page
    assert page.count("Recibo de pago del") == 12
    # How the figures were read is said back, each way of writing once.
    assert page.count("escribió «1.728,00»") == 1


@pytest.mark.django_db
def test_each_slip_shows_its_own_findings_including_no_rule_known(client, rules):
    # 2031: past every rule's last known day.
    data = season(
        slip(0, "2031-06-01", "2031-06-14", "85,32"),
        slip(1, "2031-06-15", "2031-06-28", "85,33"),
    )
    page = html.unescape(client.post(URL.format(language="en"), data).content.decode())
    assert page.count("Pay slip from") == 2
    assert page.count("No rule known: ask a caseworker") >= 3  # the season card and each slip


@pytest.mark.django_db
def test_blank_working_days_are_asked_for_on_the_slip_that_deducts_housing(client, rules):
    data = season(
        slip(0, "2025-06-01", "2025-06-14", "85,32"),
        slip(1, "2025-06-15", "2025-06-28", "85,32", days=""),
    )
    response = client.post(URL.format(language="en"), data)
    page = html.unescape(response.content.decode())
    assert "Please check these pay slips" in page
    assert 'href="#id_slip-1-working_days"' in page
    assert "enter how many days you worked" in page
    assert 'value="85,32"' in page and 'value="2025-06-28"' in page


@pytest.mark.django_db
def test_bad_figures_are_named_per_slip_in_french(client, rules):
    data = season(slip(0, "2025-06-14", "2025-06-01", "beaucoup"))
    page = html.unescape(client.post(URL.format(language="fr"), data).content.decode())
    assert "Talon de paie 1" in page
    assert "Entrez un montant comme 17.85 ou 17,85." in page
    assert 'value="beaucoup"' in page


@pytest.mark.django_db
def test_slips_of_two_years_are_refused_above_the_form(client, rules):
    data = season(
        slip(0, "2025-06-01", "2025-06-14", "10"), slip(1, "2026-06-01", "2026-06-14", "10")
    )
    page = html.unescape(client.post(URL.format(language="en"), data).content.decode())
    assert "one year, province and program" in page
    assert 'value="2026-06-14"' in page


@pytest.mark.django_db
def test_a_form_with_no_slip_says_so(client, rules):
    page = client.post(URL.format(language="es"), season()).content.decode()
    assert "Escriba al menos un recibo de pago." in html.unescape(page)


SLIP_FIELDS = [
    "start_date",
    "end_date",
    "working_days",
    "hours_worked",
    "hourly_rate",
    "gross_pay",
    "housing_to_date",
    "deduction_housing",
    "deduction_utilities",
]
KEYS = ["province", "program", "rows", "add_slip"] + [
    f"slip-{n}-{name}" for n in (0, 1, 39, 40) for name in SLIP_FIELDS
]


class GarbageNeverBreaksTheSeasonForm(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        rules_load()

    @settings(max_examples=40, deadline=None)
    @given(
        st.sampled_from(["en", "es", "fr"]),
        st.dictionaries(
            st.sampled_from(KEYS),
            st.text(max_size=12)
            | st.sampled_from(
                ["1e9", "-1", "NaN", "2025-02-30", "9999-12-25", "BC", "sawp-mx", "40", "-5"]
            ),
        ),
    )
    def test_any_input_gets_a_page_not_a_500(self, language: str, data: dict[str, str]) -> None:
        data = {k: v.replace("\x00", "") for k, v in data.items()}
        response = self.client.post(URL.format(language=language), data)
        assert response.status_code == 200
