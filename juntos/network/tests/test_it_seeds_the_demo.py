"""The demo data makes the personas members (not dana) and can run twice."""

from __future__ import annotations

from juntos.demo.seed_network import seed
from juntos.network.models import NetworkMember, Recommendation, Vote, WorkingGroup
from juntos.network.selectors import tally_matches


def test_seed_is_idempotent_and_rosa_is_a_worker_member(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        seed(personas.people)
    seed(personas.people)
    assert WorkingGroup.objects.count() == 3
    assert NetworkMember.objects.get(user=personas.rosa).sector == "migrant-worker"
    assert not NetworkMember.objects.filter(user=personas.dana).exists()
    vote = Vote.objects.get()
    assert vote.carried and tally_matches(vote)
    assert Recommendation.objects.filter(status="on-agenda").count() == 1
