"""Gaps in competence become steps of the worker's training plan (learning's objectives).

Two gaps count: a unit assessed as not yet competent, and what a mapping from a standard she
now holds to another country's standard does not cover. Each goes into her plan once, in her
language, with the course that prepares for it when one is known; filling it closes the step.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from juntos.accounts.actors import SignedIn
from juntos.credentials.choices import MatchKind, UnitResult
from juntos.credentials.models import Assessment, Equivalence, Standard
from juntos.learning.services import objective_from_gap, objectives_gap_filled

# A quarter gives a season's worth of time to take the course before the next assessment.
GAP_TARGET_DAYS = 90


def unit_key(unit_id: int) -> str:
    return f"credentials:unit:{unit_id}"


def bridge_key(equivalence: Equivalence) -> str:
    return f"credentials:bridge:{equivalence.key}"


def _target_on() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=GAP_TARGET_DAYS)


def _preparing_course(standard: Standard) -> int | None:
    return min(standard.course_ids) if standard.course_ids else None


def unit_gaps_to_plan(assessment: Assessment) -> int:
    """Each unit not yet competent becomes a plan step (inside the decision's transaction)."""
    candidate: SignedIn = assessment.candidate
    standard = assessment.standard
    added = 0
    with translation.override(candidate.preferred_language or "en"):
        for result in assessment.results.select_related("unit"):
            if result.result != UnitResult.NOT_YET:
                continue
            title = _("Become competent in “%(unit)s” (%(standard)s)") % {
                "unit": result.unit.title,
                "standard": standard.title,
            }
            made = objective_from_gap(
                actor=None, worker=candidate, source_key=unit_key(result.unit_id),
                title=title, target_on=_target_on(), course_id=_preparing_course(standard),
            )  # fmt: skip
            added += made is not None
    return added


def bridging_gaps_to_plan(candidate: SignedIn, standard: Standard) -> int:
    """She now holds the standard: close its unit steps; each mapping's gap becomes a step."""
    objectives_gap_filled(
        actor=None,
        worker=candidate,
        source_keys=[unit_key(pk) for pk in standard.units.values_list("pk", flat=True)],
    )
    mappings = (
        Equivalence.objects.filter(source=standard)
        .exclude(match=MatchKind.EXACT)
        .select_related("target__framework")
    )
    added = 0
    with translation.override(candidate.preferred_language or "en"):
        for mapping in mappings:
            if not mapping.gap_notes and mapping.bridging_course_id is None:
                continue
            title = _("Close the gap to %(target)s (%(framework)s): %(gap)s") % {
                "target": mapping.target.title,
                "framework": mapping.target.framework.name,
                "gap": mapping.gap_note or _("a bridging course"),
            }
            made = objective_from_gap(
                actor=None, worker=candidate, source_key=bridge_key(mapping), title=title,
                target_on=_target_on(), course_id=mapping.bridging_course_id,
            )  # fmt: skip
            added += made is not None
    return added
