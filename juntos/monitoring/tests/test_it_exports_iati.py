"""IATI 2.03 export: valid against the official XSD, 2.03 codes only, the dashboard's figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import okfn_iati
import pytest
from django.test import Client
from lxml import etree
from okfn_iati import (
    ActivityDateType,
    ActivityStatus,
    IndicatorMeasure,
    OrganisationRole,
    OrganisationType,
    ResultType,
)

from juntos.monitoring.iati import iati_document
from juntos.monitoring.models import Indicator, Target
from juntos.monitoring.selectors import published_table
from juntos.monitoring.services import fact_record
from juntos.testing.queries import assert_max_queries

pytestmark = pytest.mark.django_db

SCHEMAS = Path(okfn_iati.__file__).parent / "schemas" / "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# DescriptionType is not among okfn-iati's enums; the 2.03 codelist, from
# https://iatistandard.org/en/iati-standard/203/codelists/descriptiontype/
DESCRIPTION_TYPES = {"1", "2", "3", "4"}
TODAY = dt.date(2026, 8, 15)  # in 2026-Q3: Q1 and Q2 are over, Q3 is running, Q4 is to come
NOW = dt.datetime(2026, 8, 15, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def schema():
    # The activity schema includes iati-common.xsd and imports xml.xsd from the same folder.
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "iati-activities-schema.xsd")))


@pytest.fixture
def figures(settings):
    settings.JUNTOS_IATI_REPORTING_ORG_REF = "CA-CRA_ACR-123456789"
    fact_record(kind="reports.inspectorate_referral", month=dt.date(2026, 1, 1), count=3)
    fact_record(kind="reports.inspectorate_referral", month=dt.date(2026, 5, 1), count=14)
    fact_record(kind="reports.received", month=dt.date(2026, 2, 1), count=40)
    fact_record(kind="reports.received", month=dt.date(2026, 7, 1), count=9)
    referrals = Indicator.objects.get(slug="reports-to-inspectors")
    referrals.baseline, referrals.baseline_period = 6, "2025"
    referrals.save()
    Target.objects.create(indicator=referrals, period="2026-Q1", value=10)
    Target.objects.create(indicator=referrals, period="2026-Q4", value=20)
    Indicator.objects.filter(slug="courses-completed").update(public=False)


def _parse(year=2026):
    content, _figures = iati_document(year, today=TODAY, now=NOW)
    return etree.fromstring(content)


def _indicator(root, title_en):
    [result] = root.xpath(
        "iati-activity/result[indicator/title/narrative[@xml:lang='en']=$t]", t=title_en
    )
    return result


def test_the_file_validates_against_the_official_iati_2_03_schema(schema, figures):
    root = _parse()
    assert schema.validate(root), schema.error_log
    assert root.get("version") == "2.03"
    assert root.get("generated-datetime") == "2026-08-15T09:30:00+00:00"
    [activity] = root.findall("iati-activity")
    assert activity.findtext("iati-identifier") == "CA-CRA_ACR-123456789-NETWORK"
    assert activity.find("reporting-org").get("ref") == "CA-CRA_ACR-123456789"


def test_an_empty_ledger_still_gives_a_valid_file_with_a_planned_start(schema):
    root = _parse()
    assert schema.validate(root), schema.error_log
    [date] = root.findall("iati-activity/activity-date")
    assert (date.get("type"), date.get("iso-date")) == ("1", "2026-01-01")


def test_a_file_the_schema_refuses_is_caught(schema, figures):
    # The check can fail: a result without its required type is refused.
    root = _parse()
    del root.find("iati-activity/result").attrib["type"]
    assert not schema.validate(root)


def test_every_code_comes_from_the_iati_2_03_codelists(figures):
    activity = _parse().find("iati-activity")
    codelists = {
        "result/@type": {code.value for code in ResultType},
        "activity-status/@code": {str(code.value) for code in ActivityStatus},
        "activity-date/@type": {code.value for code in ActivityDateType},
        "reporting-org/@type": {code.value for code in OrganisationType},
        "participating-org/@type": {code.value for code in OrganisationType},
        "participating-org/@role": {code.value for code in OrganisationRole},
        "result/indicator/@measure": {code.value for code in IndicatorMeasure},
        "description/@type": DESCRIPTION_TYPES,
    }
    for path, codes in codelists.items():
        used = set(activity.xpath(path))
        assert used, path
        assert used <= codes, (path, used - codes)


def test_levels_become_iati_result_types_and_private_indicators_stay_out(figures):
    root = _parse()
    types = {
        result.findtext("title/narrative"): result.get("type")
        for result in root.iterfind("iati-activity/result")
    }
    assert types["Reports referred to inspectors, with the worker's consent"] == "2"  # outcome
    assert types["Reports received"] == "1"  # output
    assert types["Network meetings held"] == "1"  # activity: what was delivered, an output
    assert "Courses completed" not in types
    assert len(types) == Indicator.objects.filter(public=True).count()


def test_titles_are_narratives_in_each_language_and_never_english_labelled_otherwise(figures):
    root = _parse()
    title = root.find("iati-activity/title")
    assert [n.get(XML_LANG) for n in title] == ["en", "es", "fr"]
    assert len({n.text for n in title}) == 3
    Indicator.objects.filter(slug="reports-received").update(title_fr="")
    result = _indicator(_parse(), "Reports received")
    narratives = {n.get(XML_LANG): n.text for n in result.find("indicator/title")}
    assert narratives == {"en": "Reports received", "es": "Denuncias recibidas"}


def test_actuals_are_the_published_figures_and_a_hidden_one_is_never_zero(settings, figures):
    referrals = _indicator(_parse(), "Reports referred to inspectors, with the worker's consent")
    indicator = referrals.find("indicator")
    assert indicator.get("measure") == "1"
    assert [(b.get("year"), b.get("value")) for b in indicator.iter("baseline")] == [("2025", "6")]
    periods = {p.find("period-start").get("iso-date"): p for p in indicator.iterfind("period")}
    assert sorted(periods) == ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"]

    first = periods["2026-01-01"]  # 3 referrals: hidden
    assert first.find("period-end").get("iso-date") == "2026-03-31"
    assert first.find("target").get("value") == "10"
    actual = first.find("actual")
    assert "value" not in actual.attrib
    comment = {n.get(XML_LANG): n.text for n in actual.find("comment")}
    assert set(comment) == {"en", "es", "fr"}
    assert "between 1 and 4" in comment["en"]

    second = periods["2026-04-01"]  # 14 referrals: shown, rounded like the table
    [table_total] = published_table("reports.inspectorate_referral", period="2026-Q2").figures
    assert second.find("actual").get("value") == str(table_total.count)
    assert second.find("actual").get("value") in {"12", "15"}
    assert second.find("target") is None

    running = periods["2026-07-01"]  # nothing yet this quarter, which is not over: a true 0
    assert running.find("actual").get("value") == "0"
    assert "2026-09-30" in running.find("actual/comment/narrative").text

    to_come = periods["2026-10-01"]  # a target, and no actual for a quarter not begun
    assert to_come.find("target").get("value") == "20"
    assert to_come.find("actual") is None

    received = _indicator(_parse(), "Reports received").find("indicator")
    assert received.find("baseline") is None
    starts = [p.find("period-start").get("iso-date") for p in received.iterfind("period")]
    assert starts == ["2026-01-01", "2026-04-01", "2026-07-01"]  # Q4: no target, not begun


def test_the_export_reads_a_fixed_number_of_queries(figures):
    with assert_max_queries(5) as few:
        iati_document(2026, today=TODAY, now=NOW)
    for slug in ("reports-received", "workers-informed", "meetings-held"):
        indicator = Indicator.objects.get(slug=slug)
        for quarter in range(1, 5):
            Target.objects.create(indicator=indicator, period=f"2026-Q{quarter}", value=30)
    with assert_max_queries(len(few.captured_queries)):
        iati_document(2026, today=TODAY, now=NOW)


def test_the_endpoint_serves_the_year_with_an_etag_and_304(schema, figures):
    first = Client().get("/api/monitoring/iati.xml?year=2026")
    assert first.status_code == 200
    assert first["Content-Type"].startswith("application/xml")
    root = etree.fromstring(first.content)
    assert schema.validate(root), schema.error_log
    periods = root.xpath("//period-start/@iso-date")
    assert periods and all(date.startswith("2026-") for date in periods)
    again = Client().get("/api/monitoring/iati.xml?year=2026", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    fact_record(kind="reports.received", month=dt.date(2026, 2, 1), count=30)
    changed = Client().get("/api/monitoring/iati.xml?year=2026", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
