"""Review: reviewers per call, conflicts declared before reading, weighted scores."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.funding.choices import (
    ReviewStatus,
)
from juntos.funding.models import (
    Application,
    Call,
    Review,
    ReviewerAssignment,
    Score,
)
from juntos.funding.policies import (
    reviewer_is_from,
)
from juntos.funding.services._common import (
    CENT,
    _require_coordinator,
    _text,
)


def reviewer_assign(*, actor: Actor | None, call: Call, reviewer: Actor) -> ReviewerAssignment:
    """The coordinator asks a person to review the call's applications."""
    _require_coordinator(actor)
    if not reviewer.is_authenticated:
        raise ValidationError({"reviewer": _("Choose a person with an account.")})
    if call.reviewers.filter(reviewer=reviewer).exists():
        raise ValidationError({"reviewer": _("This person already reviews this call.")})
    with transaction.atomic():
        assignment = ReviewerAssignment.objects.create(call=call, reviewer=reviewer)
        audit_record(actor=actor, action="funding.reviewer_assign", target=assignment)
    return assignment


def application_organisations(application: Application) -> set[int]:
    return {
        application.lead_organisation_id,
        *(p.organisation_id for p in application.partners.all()),
    }


def review_declare(
    *,
    actor: Actor,
    assignment: ReviewerAssignment,
    application: Application,
    has_conflict: bool,
    note: str = "",
) -> Review:
    """The reviewer declares conflicts before reading; a reviewer from an applicant
    organisation is refused whatever she declares, and a declared conflict recuses."""
    if (
        assignment.reviewer_id != getattr(actor, "pk", None)
        or application.call_id != assignment.call_id
    ):
        raise PermissionDenied
    if assignment.reviews.filter(application=application).exists():
        raise ValidationError(_("You already declared for this application."))
    if reviewer_is_from(actor, application_organisations(application)):
        status = ReviewStatus.REFUSED
    elif has_conflict:
        status = ReviewStatus.RECUSED
    else:
        status = ReviewStatus.OPEN
    with transaction.atomic():
        review = Review.objects.create(
            assignment=assignment,
            application=application,
            status=status,
            conflict_note=_text(note, field="note", limit=1000, required=False),
        )
        audit_record(actor=actor, action=f"funding.review_{status}", target=review)
    return review


def review_score(
    *, actor: Actor, review: Review, scores: dict[int, int], comment: str = ""
) -> Review:
    """The reviewer scores every criterion from 0 to 10; the weighted total is out of 100."""
    if review.assignment.reviewer_id != getattr(actor, "pk", None):
        raise PermissionDenied
    if review.status not in (ReviewStatus.OPEN, ReviewStatus.DONE):
        raise ValidationError(_("You are recused from this application: no score is counted."))
    criteria = list(review.application.call.criteria.all())
    if {c.pk for c in criteria} != set(scores) or any(not 0 <= v <= 10 for v in scores.values()):
        raise ValidationError(_("Score every criterion from 0 to 10."))
    total = sum(Decimal(c.weight * scores[c.pk]) for c in criteria) / 10
    with transaction.atomic():
        review.scores.all().delete()
        Score.objects.bulk_create(
            Score(review=review, criterion_id=k, value=v) for k, v in scores.items()
        )
        review.status = ReviewStatus.DONE
        review.weighted_total = Decimal(total).quantize(CENT)
        review.comment = _text(comment, field="comment", limit=3000, required=False)
        review.save()
        audit_record(actor=actor, action="funding.review_score", target=review)
    return review
