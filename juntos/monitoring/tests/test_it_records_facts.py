import datetime as dt
import threading

import pytest
from django.db import connection, models

from juntos.core.services import fact_record as fact_from_any_app
from juntos.monitoring.models import Fact
from juntos.monitoring.selectors import fact_table
from juntos.monitoring.services import fact_record

pytestmark = pytest.mark.django_db


def test_events_count_into_one_cell_per_month_and_dimensions():
    for _ in range(3):
        fact_record(kind="reports.received", province="BC", program="sawp-mx", category="housing")
    fact_record(kind="reports.received", province="ON", program="sawp-mx", category="housing")
    assert Fact.objects.count() == 2
    cell = Fact.objects.get(province="BC")
    assert cell.count == 3
    assert cell.month.day == 1


def test_domain_apps_record_through_the_core_hook():
    fact_from_any_app(kind="rights.subscribed", province="BC", language="es")
    assert Fact.objects.get().language == "es"


def test_the_month_is_coarsened_to_its_first_day():
    fact_record(kind="learning.enrolled", month=dt.date(2026, 7, 23))
    assert Fact.objects.get().month == dt.date(2026, 7, 1)


@pytest.mark.parametrize("kind", ["", "Reports Received", "x", "drop table;"])
def test_malformed_kinds_are_refused(kind):
    with pytest.raises(ValueError):
        fact_record(kind=kind)


def test_the_ledger_can_hold_no_person_and_no_exact_time():
    fields = Fact._meta.get_fields()
    related = {
        f.related_model._meta.label
        for f in fields
        if f.is_relation and f.related_model and not isinstance(f.related_model, str)
    }
    assert related <= {"accounts.Organisation"}
    assert not [f for f in fields if isinstance(f, models.DateTimeField)]


def test_small_counts_are_suppressed_in_tables():
    for _ in range(6):
        fact_record(kind="reports.received", province="BC")
    for _ in range(2):
        fact_record(kind="reports.received", province="ON")
    cells = {
        c.dimensions["province"]: c.count
        for c in fact_table("reports.received", group_by=("province",))
    }
    assert cells == {"BC": 6, "ON": None}


def test_the_threshold_is_configurable(settings):
    settings.JUNTOS_SUPPRESSION_THRESHOLD = 2
    for _ in range(2):
        fact_record(kind="reports.received", province="ON")
    assert fact_table("reports.received", group_by=("province",))[0].count == 2


def test_grouping_by_an_unknown_dimension_is_refused():
    with pytest.raises(ValueError, match="unknown dimensions"):
        fact_table("reports.received", group_by=("person",))


@pytest.mark.django_db(transaction=True)
def test_concurrent_recorders_lose_no_count():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        "file:memorydb"
    ):
        pytest.skip("in-memory SQLite is one connection; PostgreSQL runs this in CI")

    def record():
        for _ in range(10):
            fact_record(kind="network.attended", sector="labour")
        connection.close()

    threads = [threading.Thread(target=record) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Fact.objects.get().count == 40


@pytest.mark.django_db
def test_it_keeps_each_kinds_month_total_equal_to_its_cells():
    from django.db.models import Sum

    from juntos.monitoring.models import MonthTotal

    month = dt.date(2026, 4, 1)
    fact_record(kind="reports.received", month=month, province="BC", count=2)
    fact_record(kind="reports.received", month=month, province="ON", count=5)
    fact_record(kind="reports.received", month=month, province="BC")
    fact_record(kind="reports.closed", month=month)
    cells = Fact.objects.filter(kind="reports.received", month=month).aggregate(n=Sum("count"))
    total = MonthTotal.objects.get(kind="reports.received", month=month)
    assert total.count == cells["n"] == 8
    assert MonthTotal.objects.get(kind="reports.closed", month=month).count == 1
