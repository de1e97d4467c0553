"""Authorising organisations to assess, workers asking to be assessed, assessors deciding."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from juntos.accounts.actors import Actor, SignedIn
from juntos.accounts.selectors import public_organisations
from juntos.core.services import audit_record, notify_person
from juntos.credentials.choices import AssessmentStatus, UnitResult
from juntos.credentials.links import site_link
from juntos.credentials.models import Assessment, AssessorAuthorisation, Standard, UnitAssessment
from juntos.credentials.policies import can_assess, can_curate, may_be_authorised
from juntos.credentials.selectors import authorised_organisation_ids
from juntos.credentials.services.credentials import credential_issue
from juntos.credentials.services.gaps import unit_gaps_to_plan
from juntos.learning.selectors import completed_course_ids, get_own_document_for

NOT_AUTHORISED = gettext_lazy("This organisation is not authorised to assess this standard.")
NOT_ELIGIBLE = gettext_lazy(
    "Complete one of the courses that prepare for this standard first, then ask again."
)
ALREADY_WAITING = gettext_lazy("You already asked to be assessed for this standard.")
EVERY_UNIT = gettext_lazy("Give a result for every unit.")


def authorisation_grant(
    *, actor: Actor, organisation_id: int, standard: Standard
) -> AssessorAuthorisation:
    """Authorise an organisation to assess against a standard (never an employer or recruiter)."""
    if not can_curate(actor) or not isinstance(actor, SignedIn):
        raise PermissionDenied
    organisation = public_organisations().filter(pk=organisation_id).first()
    if organisation is None or not may_be_authorised(organisation.kind):
        raise ValidationError({"organisation": _("This organisation cannot assess candidates.")})
    with transaction.atomic():
        found = AssessorAuthorisation.objects.filter(
            organisation_id=organisation_id, standard=standard, revoked_at=None
        ).first()
        if found:
            return found
        row = AssessorAuthorisation.objects.create(
            organisation_id=organisation_id, standard=standard, granted_by=actor
        )
        audit_record(actor=actor, action="credentials.assessor_authorised", target=standard,
                     organisation_id=organisation_id)  # fmt: skip
    return row


def authorisation_revoke(*, actor: Actor, authorisation: AssessorAuthorisation) -> None:
    """From now on the organisation's assessors cannot decide for this standard."""
    if not can_curate(actor):
        raise PermissionDenied
    with transaction.atomic():
        if authorisation.revoked_at is None:
            authorisation.revoked_at = timezone.now()
            authorisation.save(update_fields=["revoked_at"])
            audit_record(actor=actor, action="credentials.assessor_unauthorised",
                         target=authorisation.standard,
                         organisation_id=authorisation.organisation_id)  # fmt: skip


def eligible_course_id(candidate: SignedIn, standard: Standard) -> int | bool | None:
    """The completed course that makes her eligible; True when the standard needs none."""
    if not standard.course_ids:
        return True  # prior learning: CONOCER certifies skills however they were learned
    done = completed_course_ids(candidate) & set(standard.course_ids)
    return min(done) if done else None


def assessment_request(
    *,
    actor: Actor,
    standard: Standard,
    organisation_id: int,
    document_ids: Iterable[int] = (),
) -> Assessment:
    """A worker asks an authorised organisation to assess her, sharing chosen vault documents."""
    if not actor.is_authenticated:
        raise PermissionDenied
    if organisation_id not in authorised_organisation_ids(standard.pk):
        raise ValidationError({"organisation": NOT_AUTHORISED})
    eligible = eligible_course_id(actor, standard)
    if eligible is None:
        raise ValidationError(NOT_ELIGIBLE)
    documents = sorted({get_own_document_for(actor, int(i)).pk for i in document_ids})
    with transaction.atomic():
        if Assessment.objects.filter(
            candidate=actor, standard=standard, status=AssessmentStatus.REQUESTED
        ).exists():
            raise ValidationError(ALREADY_WAITING)
        assessment = Assessment.objects.create(
            candidate=actor, standard=standard, organisation_id=organisation_id,
            evidence_document_ids=documents,
            completed_course_id=eligible if isinstance(eligible, int) and eligible is not True
            else None,
        )  # fmt: skip
        audit_record(actor=actor, action="credentials.assessment_requested", target=assessment,
                     organisation_id=organisation_id)  # fmt: skip
    return assessment


def assessment_decide(
    *, actor: Actor, assessment: Assessment, results: Mapping[int, str]
) -> Assessment:
    """The assessor records competent / not yet competent per unit; all competent issues."""
    if not can_assess(actor, assessment, authorised_organisation_ids(assessment.standard_id)):
        raise PermissionDenied
    units = list(assessment.standard.units.all())
    if (
        not units
        or {u.pk for u in units} != set(results)
        or not set(results.values()) <= set(UnitResult.values)
    ):
        raise ValidationError(EVERY_UNIT)
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.status != AssessmentStatus.REQUESTED:
            raise ValidationError(_("This assessment was already decided."))
        UnitAssessment.objects.bulk_create(
            UnitAssessment(assessment=assessment, unit=u, result=results[u.pk]) for u in units
        )
        assessment.status = AssessmentStatus.DECIDED
        assessment.assessor = actor if actor.is_authenticated else None
        assessment.decided_at = timezone.now()
        assessment.save(update_fields=["status", "assessor", "decided_at"])
        audit_record(actor=actor, action="credentials.assessment_decided", target=assessment,
                     organisation_id=assessment.organisation_id,
                     details={"units": {str(k): v for k, v in results.items()}})  # fmt: skip
        if all(r == UnitResult.COMPETENT for r in results.values()):
            credential_issue(actor=actor, assessment=assessment)
        else:
            unit_gaps_to_plan(assessment)
            candidate = assessment.candidate
            transaction.on_commit(
                lambda: notify_person(candidate, lambda: _not_yet_message(candidate))
            )
    return assessment


def _not_yet_message(candidate: SignedIn) -> tuple[str, str]:
    link = site_link("credentials:mine", candidate.preferred_language)
    return (
        _("Your assessment result"),
        _("Some units were assessed as not yet competent. See which, and what to do next: "
          "%(link)s") % {"link": link},
    )  # fmt: skip
