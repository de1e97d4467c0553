"""Labour-need signals: no published count under the threshold, CSV with HXL that libhxl and
Frictionless accept, JSON, and a public page in three languages."""

from __future__ import annotations

import datetime as dt
import json

import hxl
import pytest
from django.conf import settings
from django.test import Client
from frictionless import Resource

from juntos.opportunities.models import Application
from juntos.opportunities.tests.factories import opted_in, profile_for, published_vacancy, worker
from juntos.research.labour import COUNTS, labour_csv_text, labour_table

pytestmark = pytest.mark.django_db
MONTH = "2026-06"
TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def market(personas):
    """Vacancies in June 2026: 14 harvest in BC (9 filled), 3 greenhouse in ON (small), 7 in
    QC; and 12 workers who chose to be found, 2 of them for nursery work."""
    for n in range(14):
        vacancy = published_vacancy(starts_on=dt.date(2026, 6, 1 + n))
        vacancy.published_on = dt.date(2026, 4, 1)
        vacancy.save()
        if n < 9:
            Application.objects.create(vacancy=vacancy, worker=worker(), status="hired")
    for n in range(3):
        published_vacancy(occupation="85103", province="ON", starts_on=dt.date(2026, 6, 2 + n))
    for _n in range(7):
        published_vacancy(province="QC", starts_on=dt.date(2026, 6, 10))
    for n in range(12):
        person = worker()
        profile_for(person, occupation="85103" if n < 2 else "85101")
        opted_in(person, provinces=["BC"] if n % 2 else ["ON"])


def test_no_published_count_is_under_the_threshold(market):
    table = labour_table(MONTH, today=TODAY)
    counts = [f for f in table.figures if f.measure in COUNTS]
    assert counts
    shown = [f.value for f in counts if f.value is not None]
    assert all(value == 0 or value >= settings.JUNTOS_SUPPRESSION_THRESHOLD for value in shown)
    # The three greenhouse positions in Ontario are hidden, never shown as 0 or 3.
    greenhouse = next(
        f for f in counts if f.measure == "demand" and (f.occupation, f.province) == ("85103", "ON")
    )
    assert greenhouse.value is None and greenhouse.suppressed


def test_fill_rate_and_time_to_fill_come_from_published_figures(market):
    table = labour_table(MONTH, today=TODAY)
    rows = {(r["occupation"], r["province"]): r for r in table.rows()}
    harvest = rows[("85101", "BC")]
    demand, filled, days = harvest["demand"], harvest["filled"], harvest["time_to_fill_days"]
    assert isinstance(demand, int) and isinstance(filled, int) and demand and filled
    assert harvest["fill_rate"] == min(100, round(100 * filled / demand))
    assert isinstance(days, int) and days >= 0
    assert rows[("85103", "ON")]["fill_rate"] is None


def test_the_csv_reads_as_hxl_and_validates_with_frictionless(market, tmp_path):
    path = tmp_path / "labour.csv"
    path.write_text(labour_csv_text(labour_table(MONTH, today=TODAY)), encoding="utf-8")
    source = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    assert [c.display_tag for c in source.columns] == [
        "#date+month",
        "#sector+occupation+code",
        "#adm1+code",
        "#indicator+type",
        "#indicator+num",
        "#meta+suppressed",
    ]
    assert hxl.validate(source)
    schema = {
        "fields": [
            {"name": "month", "type": "string"},
            {"name": "occupation", "type": "string"},
            {"name": "province", "type": "string"},
            {"name": "measure", "type": "string"},
            {"name": "value", "type": "number"},
            {"name": "suppressed", "type": "boolean"},
        ],
        "missingValues": [""],
    }
    resource = Resource.from_descriptor(
        {
            "name": "labour-need",
            "path": "labour.csv",
            "format": "csv",
            "encoding": "utf-8",
            "schema": schema,
            "dialect": {"headerRows": [1], "commentRows": [2]},
        },
        basepath=str(tmp_path),
    )
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_api_answers_json_and_csv(market):
    response = Client().get(f"/api/research/labour-need?month={MONTH}")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["month"] == MONTH
    for figure in data["figures"]:
        if figure["measure"] in COUNTS and figure["value"] is not None:
            assert figure["value"] == 0 or figure["value"] >= 5
    csv_response = Client().get(f"/api/research/labour-need/csv?month={MONTH}")
    assert csv_response.status_code == 200
    assert csv_response.content.decode().splitlines()[1].startswith("#date+month")


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Labour-need signals"), ("es", "Señales de necesidad"), ("fr", "Signaux de besoin")],
)
def test_the_public_page_speaks_three_languages(market, language, words):
    response = Client().get(f"/{language}/research/labour-need/?month={MONTH}")
    assert response.status_code == 200
    assert words in response.content.decode()
