"""Named-back requests: she confirms, the liaison decides, changes follow SAWP's rules as data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from juntos.monitoring.models import Fact
from juntos.opportunities import selectors, services
from juntos.opportunities.named_rules import rule_for
from juntos.opportunities.tests.factories import engagement, org_id, worker
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db


def _named(personas, who, starts_on=dt.date(2027, 4, 1)):
    engagement(who)
    return services.named_request_create(
        actor=personas.carl,
        employer_organisation_id=org_id("okanagan-orchards"),
        liaison_organisation_id=org_id("consulado-vancouver"),
        worker=who,
        season_year=starts_on.year,
        program="sawp-mx",
        starts_on=starts_on,
    )


def test_the_rule_is_data_with_its_certainty():
    rule = rule_for("sawp-mx", dt.date(2026, 12, 1))
    assert rule is not None and rule.notice_weeks == 6 and rule.certainty == "secondary"
    assert rule_for("low-wage", dt.date(2026, 12, 1)) is None


def test_only_a_returning_worker_can_be_named(personas):
    stranger = worker()
    with pytest.raises(ValidationError):
        services.named_request_create(
            actor=personas.carl,
            employer_organisation_id=org_id("okanagan-orchards"),
            liaison_organisation_id=org_id("consulado-vancouver"),
            worker=stranger,
            season_year=2027,
            program="sawp-mx",
            starts_on=dt.date(2027, 4, 1),
        )


def test_she_confirms_then_the_liaison_approves_and_a_fact_is_counted(personas, lupe):
    request = _named(personas, personas.rosa)
    with pytest.raises(PermissionDenied):
        services.named_request_respond(actor=personas.carl, request=request, confirm=True)
    services.named_request_respond(actor=personas.rosa, request=request, confirm=True)
    with pytest.raises(PermissionDenied):
        services.named_request_decide(actor=personas.carl, request=request, approve=True)
    decided = services.named_request_decide(actor=lupe, request=request, approve=True)
    assert selectors.employer_status(decided) == "approved"
    assert Fact.objects.filter(kind="opportunities.named-request").exists()


@pytest.mark.parametrize("by_worker", [True, False])
def test_the_employer_reads_not_available_never_declined(personas, lupe, by_worker):
    request = _named(personas, personas.rosa)
    if by_worker:
        services.named_request_respond(actor=personas.rosa, request=request, confirm=False)
    else:
        services.named_request_respond(actor=personas.rosa, request=request, confirm=True)
        services.named_request_decide(actor=lupe, request=request, approve=False)
    page = personas.client_for("carl").get("/en/opportunities/named/").content.decode()
    assert "not available" in page
    assert "declined" not in page.lower() and "said no" not in page.lower()


def test_a_change_of_name_is_refused_less_than_six_weeks_before_the_start(personas):
    request = _named(personas, personas.rosa, starts_on=dt.date(2027, 4, 1))
    other = worker()
    engagement(other)
    with pytest.raises(ValidationError) as caught:
        services.named_request_change_worker(
            actor=personas.carl, request=request, worker=other, today=dt.date(2027, 3, 1)
        )
    assert "2027-02-18" in str(caught.value)
    new = services.named_request_change_worker(
        actor=personas.carl, request=request, worker=other, today=dt.date(2027, 2, 18)
    )
    request.refresh_from_db()
    assert request.replaced_by == new and new.worker == other


def test_a_change_of_name_is_refused_once_the_permit_is_in_process(personas, lupe):
    request = _named(personas, personas.rosa)
    services.named_request_permit_started(actor=lupe, request=request)
    other = worker()
    engagement(other)
    with pytest.raises(ValidationError, match="permit"):
        services.named_request_change_worker(
            actor=personas.carl, request=request, worker=other, today=dt.date(2026, 12, 1)
        )


def test_the_liaison_page_lists_only_confirmed_requests(personas, lupe):
    request = _named(personas, personas.rosa)
    client = logged_in_client(lupe)
    assert "Rosa" not in client.get("/es/opportunities/liaison/").content.decode()
    services.named_request_respond(actor=personas.rosa, request=request, confirm=True)
    assert "Rosa" in client.get("/es/opportunities/liaison/").content.decode()
