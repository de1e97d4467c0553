"""The nightly task writes the open-data files; the API serves the last generated version."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from juntos.core.selectors import periodic_jobs
from juntos.monitoring.models import OpenDataFile
from juntos.monitoring.opendata import open_data_regenerate
from juntos.monitoring.services import fact_record
from juntos.monitoring.tasks import regenerate_open_data

pytestmark = pytest.mark.django_db


def test_it_is_registered_as_a_daily_job():
    path, every = periodic_jobs()["monitoring.regenerate-open-data"]
    assert path == "juntos.monitoring.tasks.regenerate_open_data"
    assert every.total_seconds() == 24 * 60 * 60


def test_the_api_serves_the_stored_version_until_the_next_run(settings):
    settings.JUNTOS_ROUNDING_BASE = 1
    year = timezone.localdate().year
    fact_record(kind="reports.received", province="BC", count=20)
    regenerate_open_data.call()
    assert OpenDataFile.objects.filter(name=f"datapackage-{year}.json").exists()
    url = f"/api/monitoring/tables/reports.received/csv?period={year}&by=province"
    first = Client().get(url)
    assert first.status_code == 200 and ",20," in first.content.decode()
    fact_record(kind="reports.received", province="BC", count=10)
    again = Client().get(url)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    open_data_regenerate()
    assert ",30," in Client().get(url).content.decode()


def test_stored_iati_and_data_package_answer_conditional_requests():
    year = timezone.localdate().year
    open_data_regenerate(years=[year])
    for path in (
        f"/api/monitoring/iati.xml?year={year}",
        f"/api/monitoring/datapackage.json?year={year}",
    ):
        response = Client().get(path)
        assert response.status_code == 200
        stored = OpenDataFile.objects.get(etag=response["ETag"])
        assert bytes(stored.content) == response.content
        assert Client().get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_a_file_never_generated_is_built_on_the_spot():
    response = Client().get("/api/monitoring/tables/reports.received/csv?period=2024&by=province")
    assert response.status_code == 200
    assert not OpenDataFile.objects.exists()


def test_a_download_in_a_burst_costs_no_query_and_a_new_night_shows_within_the_memory(
    monkeypatch, django_assert_num_queries
):
    from juntos.core import memory
    from juntos.monitoring import opendata

    now = [500.0]
    monkeypatch.setattr(memory.time, "monotonic", lambda: now[0])
    year = timezone.localdate().year
    open_data_regenerate(years=[year])
    url = f"/api/monitoring/datapackage.json?year={year}"
    first = Client().get(url)
    with django_assert_num_queries(0):
        assert Client().get(url).content == first.content
    # Another process's nightly run: no forgetting reaches this process.
    OpenDataFile.objects.filter(name=f"datapackage-{year}.json").update(content=b"{}", etag='"n"')
    assert Client().get(url).content == first.content
    now[0] += opendata.STORED_FILE_MEMORY_SECONDS
    assert Client().get(url).content == b"{}"
