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


def test_the_demo_has_a_draft_with_support_an_amendment_and_answers(personas, client_as):
    from juntos.demo.seed_network import HOUSING_DRAFT

    seed(personas.people)
    draft = Recommendation.objects.get(title=HOUSING_DRAFT)
    assert draft.status == "draft" and draft.supports.count() == 3
    assert draft.amendments.filter(state="pending").count() == 1
    page = client_as("ben").get(f"/en/network/recommendations/{draft.pk}/").content.decode()
    assert "3 members support this recommendation." in page
    assert "Answers on this version: 2 of 4 needed" in page
    amendment = draft.amendments.get()
    shown = client_as("ben").get(f"/es/network/amendments/{amendment.pk}/").content.decode()
    assert "<ins>" in shown and "Enmienda de" in shown
