"""Two moderators deciding the same review or reply at once: one wins, the other is told."""

import pytest
from django.core.exceptions import ValidationError

from juntos.core.models import AuditEntry
from juntos.registry import selectors, services
from juntos.registry.choices import ReviewStatus
from juntos.registry.models import Review
from juntos.registry.tests import factories


@pytest.fixture
def pending_review():
    return factories.review_row(factories.site(factories.employer("Fraser Valley Farms")))


def test_a_stale_review_is_not_moderated_twice(personas, pending_review):
    stale = Review.objects.get(pk=pending_review.pk)  # read before the other moderator decides
    services.review_moderate(actor=personas.ben, review=pending_review, approve=True)
    with pytest.raises(ValidationError, match="already been moderated"):
        services.review_moderate(
            actor=personas.ben, review=stale, approve=False, rule="identifies-someone"
        )
    pending_review.refresh_from_db()
    assert pending_review.status == ReviewStatus.APPROVED
    assert pending_review.rejected_rule == ""
    assert AuditEntry.objects.filter(action="registry.review_moderate").count() == 1


def _decided_by_someone_else_meanwhile(monkeypatch, name, decide):
    """The page's read returns the row still pending; another moderator decides it just after."""
    real = getattr(selectors, name)

    def read_then_someone_else_decides(actor, pk):
        row = real(actor, pk)
        decide(type(row).objects.get(pk=row.pk))
        return row

    monkeypatch.setattr(selectors, name, read_then_someone_else_decides)


def test_the_losing_moderator_of_a_review_is_told_not_shown_an_error_page(
    monkeypatch, personas, client_as, pending_review
):
    _decided_by_someone_else_meanwhile(
        monkeypatch,
        "get_pending_review_for",
        lambda row: services.review_moderate(actor=personas.ben, review=row, approve=True),
    )
    prefix = str(pending_review.pk)
    response = client_as("ben").post(
        f"/en/registry/moderation/{pending_review.pk}/",
        {f"{prefix}-decision": "reject", f"{prefix}-rule": "identifies-someone"},
    )
    assert response.status_code == 400
    assert "This review has already been moderated." in response.content.decode()
    pending_review.refresh_from_db()
    assert pending_review.status == ReviewStatus.APPROVED


def test_the_losing_moderator_of_a_reply_is_told_not_shown_an_error_page(
    monkeypatch, personas, client_as, carls_published_review
):
    reply = services.review_reply(
        actor=personas.carl, review=carls_published_review, body="We fixed the cabins."
    )
    _decided_by_someone_else_meanwhile(
        monkeypatch,
        "get_pending_reply_for",
        lambda row: services.reply_moderate(actor=personas.ben, reply=row, approve=True),
    )
    prefix = f"reply-{reply.pk}"
    response = client_as("ben").post(
        f"/en/registry/moderation/replies/{reply.pk}/",
        {f"{prefix}-decision": "reject", f"{prefix}-rule": "guesses-reviewer"},
    )
    assert response.status_code == 400
    assert "This reply has already been moderated." in response.content.decode()
    reply.refresh_from_db()
    assert reply.status == ReviewStatus.APPROVED
