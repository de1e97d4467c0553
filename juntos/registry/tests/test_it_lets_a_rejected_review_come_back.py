"""A rejected review does not lock the worker out of the season, and a moderator may remove one
passage instead of rejecting everything the worker said."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from juntos.registry import services
from juntos.registry.models import Review
from juntos.registry.tests import factories
from juntos.registry.tests.test_it_lets_workers_review import form_data

pytestmark = pytest.mark.django_db


def _rejected_review_by_rosa(client_as, personas):
    site = factories.site(name="Rancho Norte")
    rosa = client_as("rosa")
    rosa.post(f"/es/registry/sites/{site.pk}/review/", form_data(text="El capataz Juan nos grita."))
    review = Review.objects.get()
    services.review_moderate(
        actor=personas.ben, review=review, approve=False, rule="identifies-someone"
    )
    return site, rosa, review


def test_after_a_rejection_she_sees_why_changes_her_review_and_sends_it_again(client_as, personas):
    site, rosa, review = _rejected_review_by_rosa(client_as, personas)
    url = f"/es/registry/sites/{site.pk}/review/"
    page = rosa.get(url).content.decode()
    assert "no se publicó" in page and "El capataz Juan nos grita." in page  # her text, to edit
    response = rosa.post(url, form_data(text="El capataz nos grita."))
    assert response.status_code == 302
    review.refresh_from_db()
    assert Review.objects.count() == 1  # the same review, not a second one
    assert (review.status, review.rejected_rule, review.text) == (
        "pending",
        "",
        "El capataz nos grita.",
    )
    assert review in services_pending(personas)


def services_pending(personas):
    from juntos.registry.selectors import pending_reviews_for

    return list(pending_reviews_for(personas.ben))


def test_a_pending_or_approved_review_still_counts_once_per_season(client_as, personas):
    site = factories.site()
    rosa = client_as("rosa")
    rosa.post(f"/es/registry/sites/{site.pk}/review/", form_data())
    response = rosa.post(f"/es/registry/sites/{site.pk}/review/", form_data(text="Otra"))
    assert response.status_code == 200 and Review.objects.count() == 1
    assert Review.objects.get().text == "Nos cobraron por el trabajo."


def test_another_worker_cannot_take_over_her_rejected_review(client_as, personas):
    site, _rosa, review = _rejected_review_by_rosa(client_as, personas)
    page = client_as("ines").get(f"/es/registry/sites/{site.pk}/review/")
    assert "El capataz Juan" not in page.content.decode()
    review.refresh_from_db()
    assert review.status == "rejected"


def test_a_moderator_removes_one_passage_and_publishes_the_rest(personas):
    site = factories.site()
    review = factories.review_row(site, text="Nos pagaron tarde. El capataz Juan Pérez grita.")
    services.review_moderate(
        actor=personas.ben,
        review=review,
        approve=True,
        rule="identifies-someone",
        redact="El capataz Juan Pérez grita.",
    )
    review.refresh_from_db()
    assert review.status == "approved" and review.redacted_rule == "identifies-someone"
    assert review.text == "Nos pagaron tarde. […]" and "Juan" not in review.text


def test_the_moderation_page_removes_a_passage_and_the_review_says_so(client_as, personas):
    site = factories.site()
    for _ in range(2):
        factories.review_row(site, published=True)
    review = factories.review_row(site, text="Buen trato. Llamen a Juan al 250-555-0199.")
    ben = client_as("ben")
    response = ben.post(
        f"/es/registry/moderation/{review.pk}/",
        {
            f"{review.pk}-decision": "redact",
            f"{review.pk}-rule": "private-data",
            f"{review.pk}-passage": "Llamen a Juan al 250-555-0199.",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.text == "Buen trato. […]"
    assert review.published_on is not None
    html = client_as("rosa").get(f"/es/registry/employers/{site.employer.slug}/").content.decode()
    assert "Buen trato. […]" in html and "250-555-0199" not in html
    assert "eliminó un pasaje" in html


def test_a_passage_not_in_the_review_is_refused_and_nothing_changes(client_as, personas):
    review = factories.review_row(factories.site(), text="Todo bien.")
    response = client_as("ben").post(
        f"/es/registry/moderation/{review.pk}/",
        {
            f"{review.pk}-decision": "redact",
            f"{review.pk}-rule": "identifies-someone",
            f"{review.pk}-passage": "Juan",
        },
    )
    assert response.status_code == 400  # the queue again, the form saying why
    assert "Copie el pasaje" in response.content.decode()
    review.refresh_from_db()
    assert (review.status, review.text) == ("pending", "Todo bien.")


def test_only_moderators_remove_passages(personas):
    review = factories.review_row(factories.site(), text="Juan grita.")
    for who in ("rosa", "carl", "amina", "dana"):
        with pytest.raises(PermissionDenied):
            services.review_moderate(
                actor=getattr(personas, who),
                review=review,
                approve=True,
                rule="identifies-someone",
                redact="Juan",
            )
    with pytest.raises(ValidationError):
        services.review_moderate(actor=personas.ben, review=review, approve=True, redact="Juan")
    review.refresh_from_db()
    assert (review.status, review.text) == ("pending", "Juan grita.")
