"""The case list: search by employer, filters, closed cases on request, priority and due date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from juntos.core.models import AuditEntry
from juntos.registry import services as registry_services
from juntos.reports import selectors, services
from juntos.reports.models import Case, Report
from juntos.reports.tests.factories import SubmissionFactory
from juntos.testing.queries import assert_queries_do_not_grow

LIST = reverse("reports:case_list")


def open_case(personas, **report_kwargs):
    submission = SubmissionFactory.create(**report_kwargs)
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    return services.case_open(actor=personas.amina, opened=opened)


def listed(response) -> list[int]:
    return [row.case.pk for row in response.context["rows"]]


def test_amina_finds_a_case_by_employer_name(personas, client_as):
    orchard = open_case(personas, employer_name="Huerto Peña Orchards")
    other = open_case(personas, employer_name="Valle Verde Farms")
    amina = client_as("amina")

    # Any case, no accents needed: the name is sealed, so it is matched after unsealing.
    found = amina.get(LIST, {"employer": "pena orchard"})
    assert listed(found) == [orchard.pk]
    assert "Huerto Peña Orchards" in found.content.decode()
    assert other.pk in listed(amina.get(LIST))


def test_a_report_that_chose_a_registry_site_is_found_by_the_registry_name(personas, client_as):
    employer = registry_services.employer_create(actor=None, legal_name="Okanagan Apple Growers")
    site = registry_services.employer_site_add(
        actor=None, employer=employer, name="Kelowna orchard", province="BC"
    )
    chosen = open_case(personas, employer_name="", employer_site_id=site.pk)
    open_case(personas, employer_name="Another farm")

    assert listed(client_as("amina").get(LIST, {"employer": "Okanagan"})) == [chosen.pk]


def test_the_filters_narrow_the_list(personas, client_as):
    housing = open_case(personas, category="housing", province="BC")
    wages = open_case(personas, category="wage-theft", province="BC")
    services.case_assign(actor=personas.amina, case=wages, assignee_id=personas.amina.pk)
    amina = client_as("amina")

    assert listed(amina.get(LIST, {"category": "housing"})) == [housing.pk]
    assert listed(amina.get(LIST, {"assignee": str(personas.amina.pk)})) == [wages.pk]
    assert listed(amina.get(LIST, {"assignee": "none"})) == [housing.pk]
    assert set(listed(amina.get(LIST, {"stage": "reviewing", "province": "BC"}))) == {
        housing.pk,
        wages.pk,
    }
    assert listed(amina.get(LIST, {"stage": "closed"})) == []


def test_closed_cases_are_shown_on_request_and_can_be_reopened(personas, client_as):
    case = open_case(personas)
    services.case_close(actor=personas.amina, case=case, outcome="resolved")
    amina = client_as("amina")
    assert case.pk not in listed(amina.get(LIST))
    assert case.pk in listed(amina.get(LIST, {"include_closed": "on"}))
    assert listed(amina.get(LIST, {"stage": "closed"})) == [case.pk]

    page = amina.get(reverse("reports:case", kwargs={"case_id": case.pk}))
    assert reverse("reports:case_reopen", kwargs={"case_id": case.pk}) in page.content.decode()
    amina.post(reverse("reports:case_reopen", kwargs={"case_id": case.pk}))

    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_on) == ("open", "", None)
    assert Report.objects.get(pk=case.report_id).stage == "reviewing"
    entry = AuditEntry.objects.get(action="reports.case_reopened")
    assert entry.details == {"previous_outcome": "resolved"}
    assert case.pk in listed(amina.get(LIST))


def test_an_open_case_cannot_be_reopened_nor_one_of_another_organisation(personas):
    case = open_case(personas)
    with pytest.raises(PermissionDenied):
        services.case_reopen(actor=personas.amina, case=case)
    services.case_close(actor=personas.amina, case=case, outcome="resolved")
    with pytest.raises(PermissionDenied):
        services.case_reopen(actor=personas.dana, case=case)


def test_the_caseworker_sets_priority_and_due_date_and_sorts_by_them(personas, client_as):
    later, soon, none = open_case(personas), open_case(personas), open_case(personas)
    amina = client_as("amina")
    today = dt.date.today()
    for case, priority, due in (
        (later, "urgent", today + dt.timedelta(days=20)),
        (soon, "low", today + dt.timedelta(days=2)),
    ):
        amina.post(
            reverse("reports:case_plan", kwargs={"case_id": case.pk}),
            {"priority": priority, "due_on": due.isoformat()},
        )
    soon.refresh_from_db()
    assert (soon.priority, soon.due_on) == ("low", today + dt.timedelta(days=2))
    assert AuditEntry.objects.filter(action="reports.case_planned").count() == 2

    assert listed(amina.get(LIST, {"sort": "due"})) == [soon.pk, later.pk, none.pk]
    assert listed(amina.get(LIST, {"sort": "priority"})) == [later.pk, none.pk, soon.pk]


def test_a_wrong_due_date_is_refused_with_the_reason_and_what_was_typed(personas, client_as):
    case = open_case(personas)
    amina = client_as("amina")
    with translation.override("es"):
        url = reverse("reports:case_plan", kwargs={"case_id": case.pk})

    typed = amina.post(url, {"priority": "high", "due_on": "2026-02-31"})
    assert typed.status_code == 400
    assert 'value="2026-02-31"' in typed.content.decode()
    before = amina.post(url, {"priority": "high", "due_on": "2001-01-01"})
    assert before.status_code == 400
    assert "anterior a la apertura del caso" in before.content.decode()
    assert Case.objects.get(pk=case.pk).priority == "normal"


def test_only_the_owner_plans_a_case(personas):
    case = open_case(personas)
    with pytest.raises(PermissionDenied):
        services.case_plan_set(actor=personas.dana, case=case, priority="high", due_on=None)
    with pytest.raises(ValidationError):
        services.case_plan_set(actor=personas.amina, case=case, priority="whenever", due_on=None)


def test_dana_lists_none_of_aminas_cases(personas, client_as):
    open_case(personas, employer_name="Huerto Peña Orchards")
    response = client_as("dana").get(LIST, {"employer": "Peña", "include_closed": "on"})
    assert listed(response) == []
    assert "Huerto" not in response.content.decode()


def test_a_filter_value_that_is_not_offered_is_named_not_a_500(personas, client_as):
    open_case(personas)
    response = client_as("amina").get(LIST, {"stage": "nonsense", "category": "housing"})
    assert response.status_code == 400
    assert response.context["form"].errors["stage"]


def test_the_case_list_does_not_grow_with_cases(personas, client_as):
    amina = client_as("amina")
    employer = registry_services.employer_create(actor=None, legal_name="Fraser Berries")
    site = registry_services.employer_site_add(
        actor=None, employer=employer, name="Abbotsford field", province="BC"
    )

    def add(n):
        for i in range(n):
            case = open_case(
                personas,
                employer_name=f"Berry farm {i}",
                employer_site_id=site.pk if i % 2 else None,
            )
            services.case_plan_set(
                actor=personas.amina, case=case, priority="high", due_on=dt.date.today()
            )

    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: amina.get(LIST, {"employer": "berr", "sort": "priority"}),
        limit=16,
    )
