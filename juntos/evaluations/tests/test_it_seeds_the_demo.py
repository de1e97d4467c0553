"""The demo data sets up the walk of issue 23 and can run twice."""

from __future__ import annotations

from juntos.demo import seed_compliance, seed_evaluations, seed_learning, seed_opportunities
from juntos.evaluations.models import LiaisonKey, LiaisonUnlock, RehireWatch, SealedEvaluation
from juntos.evaluations.sealing import WrappedKey, private_key_unwrap


def test_seed_is_idempotent_and_sets_up_the_walk(personas, django_capture_on_commit_callbacks):
    seed_compliance.seed(personas.people)
    seed_learning.seed(personas.people)
    with django_capture_on_commit_callbacks(execute=True):
        seed_opportunities.seed(personas.people)
        seed_evaluations.seed(personas.people)
    seed_evaluations.seed(personas.people)
    assert SealedEvaluation.objects.filter(kind="employer-of-worker").count() == 2
    watch = RehireWatch.objects.get()
    assert watch.raised_on is not None and watch.named_back is False
    assert not LiaisonUnlock.objects.exists()  # the seed locked again
    key = LiaisonKey.objects.get()
    wrapped = WrappedKey(
        bytes(key.public_key),
        bytes(key.wrapped_private_key),
        bytes(key.salt),
        key.argon2_time_cost,
        key.argon2_memory_kib,
    )
    assert private_key_unwrap(
        wrapped, seed_evaluations.DEMO_LIAISON_PASSPHRASE, organisation_id=key.organisation_id
    )
