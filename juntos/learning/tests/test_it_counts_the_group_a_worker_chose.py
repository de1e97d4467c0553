"""A worker may say one group she wants to be counted with: it reaches the ledger's totals,
never a page with her name, and a small group's cell is hidden like any other."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from juntos.learning.models import WorkerProfile
from juntos.learning.services import attendance_record, enrolment_create
from juntos.learning.tests.factories import SessionFactory
from juntos.monitoring.opendata import table_csv_text
from juntos.monitoring.selectors import fact_table, published_table

STARTED = timezone.localdate() - dt.timedelta(days=10)


def test_she_chooses_a_group_on_her_profile_and_can_leave_it(personas, client_as):
    WorkerProfile.objects.create(user=personas.rosa, display_name="Rosa", home_country="MX")
    rosa = client_as("rosa")
    page = rosa.get("/es/learning/profile/edit/").content.decode()
    assert "Persona indígena" in page and "Opcional. Si quieres, un grupo" in page
    form = {"home_country": "MX", "home_state": "", "home_municipality": "", "gender": ""}
    response = rosa.post("/es/learning/profile/edit/", {**form, "marginalised_group": "indigenous"})
    assert response.status_code == 302
    assert WorkerProfile.objects.get(user=personas.rosa).marginalised_group == "indigenous"
    refused = rosa.post("/es/learning/profile/edit/", {**form, "marginalised_group": "elves"})
    assert refused.status_code == 200 and 'value="MX" selected' in refused.content.decode()
    rosa.post("/es/learning/profile/edit/", {**form, "marginalised_group": ""})
    assert WorkerProfile.objects.get(user=personas.rosa).marginalised_group == ""


def test_her_completion_is_counted_with_her_group(personas, provider, course):
    WorkerProfile.objects.create(
        user=personas.rosa, display_name="Rosa", home_country="MX", marginalised_group="indigenous"
    )
    session = SessionFactory.create(course=course, meetings=1, starts_on=STARTED)
    enrolment = enrolment_create(actor=personas.rosa, session=session)
    attendance_record(
        actor=provider.staff, session=session, met_on=STARTED, present_enrolment_ids={enrolment.pk}
    )
    for kind in ("learning.enrolment", "learning.completion"):
        cells = fact_table(kind, group_by=("marginalised_group",), threshold=1)
        assert [(c.dimensions, c.count) for c in cells] == [
            ({"marginalised_group": "indigenous"}, 1)
        ]


def test_a_small_group_is_hidden_in_the_published_table_and_the_csv(db, settings):
    from juntos.core.services import fact_record

    settings.JUNTOS_ROUNDING_BASE = 1
    year = timezone.localdate().year
    fact_record(kind="learning.completion", marginalised_group="indigenous", count=3)
    fact_record(kind="learning.completion", marginalised_group="none", count=40)
    fact_record(kind="learning.completion", count=25)  # did not say
    table = published_table(
        "learning.completion", period=str(year), group_by=("marginalised_group",)
    )
    shown = {f.dimensions.get("marginalised_group", "total"): f for f in table.figures}
    assert shown["indigenous"].count is None and shown["indigenous"].suppressed
    csv = table_csv_text(table)
    assert "#group+marginalised" in csv.splitlines()[1]
    assert ",3," not in csv
