"""Organisations of the funding program, read from accounts by id (one query for many)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from juntos.accounts.selectors import organisations_of_kind, public_organisations
from juntos.funding.policies import APPLICANT_KINDS

if TYPE_CHECKING:
    from juntos.accounts.models import Organisation


def organisations_by_id(ids: Iterable[int]) -> dict[int, Organisation]:
    """Active organisations keyed by id; unknown or inactive ids are left out."""
    return {o.pk: o for o in public_organisations().filter(pk__in=list(ids))}


def applicant_choices() -> list[Organisation]:
    """The organisations that may lead or join an application, by name."""
    found: list[Organisation] = []
    for kind in sorted(APPLICANT_KINDS):
        found += list(organisations_of_kind(kind))
    return sorted(found, key=lambda o: o.name)
