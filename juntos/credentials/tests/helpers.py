"""Shared steps of the credentials tests: an assessment decided competent, and its credential."""

from __future__ import annotations

from typing import Any

from juntos.credentials.choices import UnitResult
from juntos.credentials.models import Assessment, Credential, Standard
from juntos.credentials.services import assessment_decide


def issue_to(
    personas: Any, standard: Standard, organisation_id: int, who: str = "rosa"
) -> Credential:
    """A request (made here directly: the request service and its rules have their own tests)
    that amina decides competent in every unit, and the credential it earns."""
    assessment = Assessment.objects.create(
        candidate=getattr(personas, who), standard=standard, organisation_id=organisation_id
    )
    results = {u.pk: UnitResult.COMPETENT for u in standard.units.all()}
    assessment_decide(actor=personas.amina, assessment=assessment, results=results)
    return Credential.objects.get(assessment=assessment)
