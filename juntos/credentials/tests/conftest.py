"""Fixtures of the credentials tests: the curated data loaded, an authorised assessing body."""

from __future__ import annotations

from typing import Any

import pytest

from juntos.accounts.selectors import organisations_by_slug
from juntos.credentials.models import Standard
from juntos.credentials.services import authorisation_grant, frameworks_load

PESTICIDES = "urn:juntos:conocer:pending:plaguicidas"


@pytest.fixture
def loaded(db: None) -> None:
    frameworks_load(actor=None)


@pytest.fixture
def pesticides(loaded: None) -> Standard:
    return Standard.objects.get(uri=PESTICIDES)


@pytest.fixture
def fraser(personas: Any) -> Any:
    return organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]


@pytest.fixture
def authorised(personas: Any, pesticides: Standard, fraser: Any) -> Standard:
    """Amina's organisation is authorised (by ben, the secretariat's coordinator) to assess."""
    authorisation_grant(actor=personas.ben, organisation_id=fraser.pk, standard=pesticides)
    return pesticides


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    from django.core.cache import cache

    cache.clear()
