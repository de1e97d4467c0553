"""Shared steps of the credentials tests: an assessment decided competent, and its credential."""

from __future__ import annotations

from typing import Any

from juntos.accounts.actors import SignedIn
from juntos.credentials.choices import UnitResult
from juntos.credentials.models import Assessment, Credential, Standard
from juntos.credentials.services import assessment_decide


def issue_to(
    personas: Any, standard: Standard, organisation_id: int, who: str = "rosa"
) -> Credential:
    """A request (made here directly: the request service and its rules have their own tests)
    that amina decides competent in every unit, and the credential it earns."""
    return _decided(personas, getattr(personas, who), standard, organisation_id)


def _decided(
    personas: Any, candidate: SignedIn, standard: Standard, organisation_id: int
) -> Credential:
    assessment = Assessment.objects.create(
        candidate=candidate, standard=standard, organisation_id=organisation_id
    )
    results = {u.pk: UnitResult.COMPETENT for u in standard.units.all()}
    assessment_decide(actor=personas.amina, assessment=assessment, results=results)
    return Credential.objects.get(assessment=assessment)


def issue_for(personas: Any, user: SignedIn, standard: Standard) -> Credential:
    """A credential for anyone: Amina's organisation authorised for the standard if it is not
    yet (the standard given a unit if it has none), her request decided competent."""
    from juntos.accounts.selectors import organisations_by_slug
    from juntos.credentials.models import AssessorAuthorisation, Unit
    from juntos.credentials.services import authorisation_grant

    fraser = organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]
    if not standard.units.exists():
        Unit.objects.create(standard=standard, code="U1", titles={"en": "The work itself"})
    if not AssessorAuthorisation.objects.filter(
        organisation_id=fraser.pk, standard=standard, revoked_at=None
    ).exists():
        authorisation_grant(actor=personas.ben, organisation_id=fraser.pk, standard=standard)
    return _decided(personas, user, standard, fraser.pk)
