"""After the naming deadline, a good season that was not named back gets her options; the
employer learns nothing; rates show only above the suppression threshold."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from juntos.core.models import PendingMessage
from juntos.opportunities import selectors, services
from juntos.opportunities.models import FindableWorker
from juntos.opportunities.tests.factories import engagement, opted_in, org_id, worker
from juntos.opportunities.views.worker import retaliation_link

pytestmark = pytest.mark.django_db


def test_nothing_is_offered_before_the_deadline(personas):
    engagement(personas.rosa, year=2026)
    assert services.naming_deadline(2027) == dt.date(2026, 12, 1)
    assert services.not_named_back_offer(today=dt.date(2026, 12, 1)) == 0


def test_a_named_worker_or_a_poor_season_is_not_offered(personas):
    named = worker()
    engagement(named)
    services.named_request_create(
        actor=personas.carl,
        employer_organisation_id=org_id("okanagan-orchards"),
        liaison_organisation_id=org_id("consulado-vancouver"),
        worker=named,
        season_year=2027,
        program="sawp-mx",
        starts_on=dt.date(2027, 4, 1),
    )
    engagement(worker(), good=False)
    assert services.not_named_back_offer(today=dt.date(2026, 12, 2)) == 0


def test_she_is_told_and_offered_the_pool_and_the_anonymous_report(personas):
    season = engagement(personas.rosa)
    opted_in(personas.rosa)
    carl_messages = PendingMessage.objects.count()
    assert services.not_named_back_offer(today=dt.date(2026, 12, 2)) == 1
    assert services.not_named_back_offer(today=dt.date(2026, 12, 3)) == 0  # once
    assert PendingMessage.objects.count() == carl_messages + 1  # hers only
    link = retaliation_link(season)
    assert link.startswith("/") and "category=not-named-back" in link
    assert str(personas.rosa.pk) not in link.split("?")[1]
    intake = personas.client_for("rosa").get(link)
    assert intake.status_code == 200
    services.returning_pool_join(actor=personas.rosa, engagement=season)
    assert FindableWorker.objects.get(user=personas.rosa).returning_pool


def test_rates_are_hidden_under_the_threshold(personas):
    threshold = settings.JUNTOS_SUPPRESSION_THRESHOLD
    for _ in range(threshold - 1):
        engagement(worker())
    rows = selectors.named_back_rates(personas.ines)
    assert rows and rows[0].named is None
    engagement(worker())
    rows = selectors.named_back_rates(personas.ben)
    assert rows[0].eligible == threshold and rows[0].named == 0
    page = personas.client_for("carl").get("/en/opportunities/named-back-rates/")
    assert page.status_code == 404
