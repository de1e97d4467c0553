"""Fixtures of the learning tests: a Mexican workshop partner and a Canadian course provider."""

from __future__ import annotations

from typing import Any

import pytest

from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.services import membership_grant, organisation_create, person_create
from juntos.learning.tests.factories import CourseFactory, SessionFactory


@pytest.fixture
def partner(personas: Any) -> Any:
    """A support organisation in Mexico (Oaxaca) with one staff member, Lucía."""
    organisation = organisation_create(
        actor=None,
        name="Red de Apoyo Migrante Oaxaca",
        slug="red-oaxaca-test",
        kind=OrganisationKind.SUPPORT_NONPROFIT,
        country="MX",
        languages="es",
    )
    lucia = person_create(
        actor=personas.admin,
        display_name="Lucía Martínez",
        password="x-test-password-1",
        email="lucia@redoaxaca.example.org",
        language="es",
        channel="email",
    )
    membership_grant(actor=None, user=lucia, organisation=organisation, role=Role.COORDINATOR)
    return type("Partner", (), {"organisation": organisation, "staff": lucia})


@pytest.fixture
def provider(personas: Any) -> Any:
    """Valley Community Learning Centre (a demo organisation) with a teacher, Tom."""
    from juntos.accounts.selectors import organisations_by_slug

    organisation = organisations_by_slug(["valley-learning"])["valley-learning"]
    tom = person_create(
        actor=personas.admin,
        display_name="Tom Teacher",
        password="x-test-password-2",
        email="tom@valleylearning.example.org",
        language="en",
        channel="email",
    )
    membership_grant(actor=None, user=tom, organisation=organisation, role=Role.COORDINATOR)
    return type("Provider", (), {"organisation": organisation, "staff": tom})


@pytest.fixture
def course(provider: Any) -> Any:
    return CourseFactory.create(organisation_id=provider.organisation.pk)


@pytest.fixture
def session(course: Any) -> Any:
    return SessionFactory.create(course=course)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Rate limits live in the (process-wide) cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
