"""Would rehire, not named: the liaison reads "would rehire" and watches the season; after the
naming deadline, a worker who was not named gets her options and a message, and the liaison is
told. A named worker, a season before the deadline or a "no" raise nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from juntos.core.models import AuditEntry, PendingMessage
from juntos.evaluations import services
from juntos.evaluations.models import RehireWatch
from juntos.evaluations.tests.factories import (
    another_worker,
    carl_evaluates,
    lupe_of,
    org_id,
    season,
    unlocked_cookie,
)
from juntos.evaluations.views._common import UNLOCK_COOKIE
from juntos.opportunities import services as opportunities
from juntos.opportunities.models import SeasonEngagement

pytestmark = pytest.mark.django_db

AFTER_DEADLINE = dt.date(2026, 12, 2)


def watched(carl, worker, **answers) -> RehireWatch:
    evaluation = carl_evaluates(carl, season(worker), **answers)
    return services.rehire_watch_start(
        actor=lupe_of(), evaluation=evaluation, cookie=unlocked_cookie()
    )


def test_a_watched_season_not_named_is_raised_to_her_and_the_liaison(personas, lupe):
    watch = watched(personas.carl, personas.rosa)
    engagement = SeasonEngagement.objects.get(pk=watch.engagement_id)
    assert engagement.good_season  # recorded from the evaluation, through opportunities
    assert services.rehire_not_named_raise(today=dt.date(2026, 12, 1)) == 0  # not yet
    before = PendingMessage.objects.count()
    assert services.rehire_not_named_raise(today=AFTER_DEADLINE) == 1
    assert services.rehire_not_named_raise(today=AFTER_DEADLINE) == 0  # once
    watch.refresh_from_db()
    engagement.refresh_from_db()
    assert watch.raised_on == AFTER_DEADLINE and watch.named_back is False
    assert engagement.not_named_offered_on == AFTER_DEADLINE  # the not-named-back flow
    # Her "not named back" message, her "would rehire" message, and lupe's.
    assert PendingMessage.objects.count() == before + 3
    assert AuditEntry.objects.filter(action="evaluations.rehire_not_named").count() == 1
    page = personas.client_for("rosa").get("/en/evaluations/mine/").content.decode()
    assert "your employer said they would hire you again" in page
    options = personas.client_for("rosa").get("/en/opportunities/options/")
    assert "was not named back" in options.content.decode()


def test_a_named_worker_raises_nothing(personas, lupe):
    watch = watched(personas.carl, personas.rosa)
    opportunities.named_request_create(
        actor=personas.carl,
        employer_organisation_id=org_id("okanagan-orchards"),
        liaison_organisation_id=org_id("consulado-vancouver"),
        worker=personas.rosa,
        season_year=2027,
        program="sawp-mx",
        starts_on=dt.date(2027, 4, 1),
    )
    assert services.rehire_not_named_raise(today=AFTER_DEADLINE) == 0
    watch.refresh_from_db()
    assert watch.named_back is True and watch.raised_on is None


def test_only_a_would_rehire_evaluation_can_be_watched(personas, lupe):
    worker = another_worker()
    evaluation = carl_evaluates(personas.carl, season(worker), would_rehire="no", return_on=None)
    with pytest.raises(ValidationError):
        services.rehire_watch_start(actor=lupe, evaluation=evaluation, cookie=unlocked_cookie())
    housing = services.evaluation_submit(
        actor=personas.rosa,
        engagement=season(personas.rosa),
        kind="worker-of-housing",
        answers={"housing": 3, "enough_space": "yes", "comments": ""},
    )
    with pytest.raises(ValidationError):
        services.rehire_watch_start(actor=lupe, evaluation=housing, cookie=unlocked_cookie())
    assert not RehireWatch.objects.exists()


def test_the_liaison_watches_from_the_reading_page(personas, lupe, lupe_client):
    evaluation = carl_evaluates(personas.carl, season(personas.rosa))
    lupe_client.cookies[UNLOCK_COOKIE] = unlocked_cookie()
    page = lupe_client.get(f"/en/evaluations/liaison/{evaluation.pk}/").content.decode()
    assert "Watch the naming" in page
    assert lupe_client.post(f"/en/evaluations/liaison/{evaluation.pk}/watch/").status_code == 302
    assert RehireWatch.objects.get().evaluation == evaluation
    listing = lupe_client.get("/en/evaluations/liaison/").content.decode()
    assert "watching" in listing
