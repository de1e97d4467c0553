import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from juntos.accounts.tests.factories import UserFactory
from juntos.core.models import AuditEntry, PendingAnonymousAuditEntry
from juntos.monitoring.selectors import fact_table
from juntos.registry import services
from juntos.registry.choices import ReviewStatus
from juntos.registry.models import Review
from juntos.registry.tests import factories


def submit(worker, site, **overrides):
    values = {
        "season": timezone.localdate().year,
        "fee_charged": "no",
        "contract_matched": 3,
        "paid_on_time": 2,
        "respect_safety": 3,
        "housing": 1,
        "text": "",
        **overrides,
    }
    return services.review_submit(actor=worker, site=site, **values)


def test_reviews_publish_only_when_three_workers_passed_moderation(personas):
    site = factories.site(name="Kelowna orchard", province="BC")
    workers = [UserFactory() for _ in range(3)]
    reviews = [submit(worker, site) for worker in workers]
    for review in reviews[:2]:
        services.review_moderate(actor=personas.ben, review=review, approve=True)
    assert Review.objects.filter(published_on__isnull=False).count() == 0

    last = services.review_moderate(actor=personas.ben, review=reviews[2], approve=True)
    assert last.published_on == timezone.localdate()
    assert Review.objects.filter(published_on__isnull=False).count() == 3
    table = fact_table("registry.review_published", group_by=("province",), threshold=0)
    assert [(c.dimensions["province"], c.count) for c in table] == [("BC", 3)]

    fourth = submit(UserFactory(), site)
    assert fourth.published_on is None  # still waits for moderation
    assert services.review_moderate(actor=personas.ben, review=fourth, approve=True).published_on


def test_rejected_reviews_do_not_count_towards_the_threshold(personas):
    site = factories.site()
    reviews = [submit(UserFactory(), site) for _ in range(3)]
    services.review_moderate(actor=personas.ben, review=reviews[0], approve=True)
    services.review_moderate(actor=personas.ben, review=reviews[1], approve=True)
    rejected = services.review_moderate(
        actor=personas.ben, review=reviews[2], approve=False, rule="identifies-someone"
    )
    assert rejected.status == ReviewStatus.REJECTED
    assert rejected.rejected_rule == "identifies-someone"
    assert not Review.objects.filter(published_on__isnull=False).exists()
    with pytest.raises(ValidationError):
        services.review_moderate(actor=personas.ben, review=reviews[2], approve=True)


def test_rejecting_needs_a_published_rule(personas):
    review = submit(UserFactory(), factories.site())
    with pytest.raises(ValidationError):
        services.review_moderate(actor=personas.ben, review=review, approve=False, rule="")
    review.refresh_from_db()
    assert review.status == ReviewStatus.PENDING


def test_threshold_comes_from_settings(personas, settings):
    settings.JUNTOS_REVIEW_PUBLICATION_THRESHOLD = 1
    review = submit(UserFactory(), factories.site())
    assert services.review_moderate(actor=personas.ben, review=review, approve=True).published_on


@pytest.mark.parametrize("who", ["amina", "carl", "rita", "ines", "dana", "rosa", "admin"])
def test_only_secretariat_coordinators_moderate(personas, who):
    review = submit(UserFactory(), factories.site())
    with pytest.raises(PermissionDenied):
        services.review_moderate(actor=getattr(personas, who), review=review, approve=True)
    review.refresh_from_db()
    assert review.status == ReviewStatus.PENDING


def test_one_review_per_worker_per_employer_per_season(personas):
    owner = factories.employer()
    first_site, second_site = factories.site(owner), factories.site(owner)
    submit(personas.rosa, first_site)
    with pytest.raises(ValidationError) as error:
        submit(personas.rosa, second_site)
    assert "season" in error.value.message_dict
    # Last season and another employer are still open to her.
    submit(personas.rosa, first_site, season=timezone.localdate().year - 1)
    submit(personas.rosa, factories.site())
    assert Review.objects.count() == 3


def test_the_database_itself_refuses_a_second_review(db):
    site = factories.site()
    factories.review_row(site, reviewer="same-worker")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.review_row(factories.site(site.employer), reviewer="same-worker")


def test_seasons_far_away_are_refused(personas):
    with pytest.raises(ValidationError):
        submit(personas.rosa, factories.site(), season=2001)


def test_the_review_keeps_no_trace_of_its_author(personas):
    review = submit(personas.rosa, factories.site(), text="Las horas fueron menos.")
    assert not any(
        getattr(f, "related_model", None) is type(personas.rosa) for f in Review._meta.get_fields()
    )
    stored = Review.objects.values().get(pk=review.pk)
    assert len(stored["reviewer_key"]) == 64 and stored["reviewer_key"] != str(personas.rosa.pk)
    assert personas.rosa.display_name not in repr(stored)
    pending = PendingAnonymousAuditEntry.objects.get(action="registry.review_submit")
    assert pending.object_id == str(review.pk)
    assert not AuditEntry.objects.filter(actor_id=personas.rosa.pk).exists()
