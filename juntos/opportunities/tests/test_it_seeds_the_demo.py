"""The demo data sets up the walk of issue 17 and can run twice."""

from __future__ import annotations

from juntos.demo import seed_compliance, seed_learning, seed_opportunities
from juntos.opportunities.models import (
    Application,
    Referral,
    SeasonEngagement,
    Vacancy,
    VisitRequest,
)


def test_seed_is_idempotent_and_sets_up_the_walk(personas, django_capture_on_commit_callbacks):
    seed_compliance.seed(personas.people)
    seed_learning.seed(personas.people)
    with django_capture_on_commit_callbacks(execute=True):
        seed_opportunities.seed(personas.people)
    seed_opportunities.seed(personas.people)
    assert sorted(Vacancy.objects.values_list("status", flat=True)) == ["blocked", "published"]
    assert Application.objects.filter(status="hired").count() == 2
    offered = SeasonEngagement.objects.exclude(not_named_offered_on=None)
    assert [e.worker.display_name for e in offered] == ["María López"]
    assert Referral.objects.count() == 1 and VisitRequest.objects.count() == 1
