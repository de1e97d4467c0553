"""Who may write, open and watch end-of-season evaluations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.accounts.actors import Actor
from juntos.opportunities.policies import (
    employer_organisations_of,
    is_worker,
    liaison_organisations_of,
)

if TYPE_CHECKING:
    from juntos.evaluations.models import SealedEvaluation

__all__ = [
    "can_evaluate_own_season",
    "can_evaluate_workers",
    "can_manage_liaison_key",
    "can_open_evaluation",
    "liaison_organisations_of",
]


def can_evaluate_workers(actor: Actor, employer_organisation_id: int) -> bool:
    """Members of the employer evaluate the workers of its seasons (and may not read them)."""
    return employer_organisation_id in employer_organisations_of(actor)


def can_evaluate_own_season(actor: Actor, worker_id: int) -> bool:
    """The worker herself evaluates her employer and her housing."""
    return is_worker(actor) and actor.pk == worker_id


def can_manage_liaison_key(actor: Actor, organisation_id: int) -> bool:
    """Members of the liaison organisation (the sending country's consulate) hold its key."""
    return organisation_id in liaison_organisations_of(actor)


def can_open_evaluation(actor: Actor, evaluation: SealedEvaluation) -> bool:
    """Only members of the liaison organisation it was sealed to (with the key unlocked)."""
    return evaluation.liaison_organisation_id in liaison_organisations_of(actor)
