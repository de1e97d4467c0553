"""Open data: the data package validates with Frictionless, the CSV with libhxl; ETags work."""

from __future__ import annotations

import datetime as dt
import json

import hxl
import pytest
from django.test import Client
from frictionless import Package

from juntos.monitoring.opendata import datapackage_descriptor, table_csv_text
from juntos.monitoring.selectors import PUBLIC_KINDS, published_table
from juntos.monitoring.services import fact_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures():
    fact_record(kind="reports.received", month=dt.date(2026, 3, 1), province="BC", count=12)
    fact_record(kind="reports.received", month=dt.date(2026, 4, 1), province="ON", count=3)
    fact_record(kind="reports.received", month=dt.date(2026, 5, 1), province="QC", count=8)


def test_the_data_package_and_its_csv_files_validate(tmp_path, figures):
    for kind in PUBLIC_KINDS:
        table = published_table(kind, period="2026", group_by=("province",))
        (tmp_path / f"{kind}.csv").write_text(table_csv_text(table), encoding="utf-8")
    descriptor = datapackage_descriptor(2026, url_for=lambda kind: f"{kind}.csv")
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = Package(source=str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_csv_reads_as_hxl_with_its_hashtags(tmp_path, figures):
    table = published_table("reports.received", period="2026", group_by=("province",))
    path = tmp_path / "reports.csv"
    path.write_text(table_csv_text(table), encoding="utf-8")
    source = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    assert [column.display_tag for column in source.columns] == [
        "#date+period",
        "#adm1+code",
        "#indicator+num",
        "#meta+suppressed",
    ]
    rows = list(source)
    assert {row.get("#adm1") for row in rows} == {"BC", "ON", "QC", "total"}
    assert hxl.validate(source)


def test_the_csv_answers_a_conditional_request_with_304(figures):
    url = "/api/monitoring/tables/reports.received/csv?period=2026&by=province"
    first = Client().get(url)
    assert first.status_code == 200
    again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_the_data_package_lists_every_published_indicator():
    response = Client().get("/api/monitoring/datapackage.json?year=2026")
    assert response.status_code == 200
    package = response.json()
    assert len(package["resources"]) == len(PUBLIC_KINDS)
    assert package["resources"][0]["path"].startswith("http://testserver/api/monitoring/tables/")
    assert "period=2026" in package["resources"][0]["path"]
