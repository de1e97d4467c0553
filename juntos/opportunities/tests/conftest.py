"""Fixtures of the opportunities tests: the rules loaded, and a consular liaison."""

from __future__ import annotations

from typing import Any

import pytest

from juntos.accounts.choices import Channel, Role, Sector
from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.accounts.services import membership_grant, person_create
from juntos.compliance.selectors import forget_rules
from juntos.compliance.services import rules_load


@pytest.fixture
def rules(db: None) -> int:
    forget_rules()
    return rules_load()


@pytest.fixture
def lupe(personas: Any) -> Any:
    """Lupe, a liaison officer of the Mexican consulate in Vancouver."""
    existing = user_by_identifier("lupe@consulado.example.gob.mx")
    if existing is not None:
        return existing
    person = person_create(
        actor=None,
        display_name="Lupe Ramírez",
        password="x-test-password-1",
        email="lupe@consulado.example.gob.mx",
        language="es",
        channel=Channel.EMAIL,
        sector=Sector.GOVERNMENT,
    )
    consulate = organisations_by_slug(["consulado-vancouver"])["consulado-vancouver"]
    membership_grant(actor=None, user=person, organisation=consulate, role=Role.MEMBER)
    return person
