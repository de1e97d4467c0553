"""Views get the signed-in person herself as `request.user`, not the lazy wrappers around her
(auth's and django-otp's), with her second-factor state; a visitor stays anonymous."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.functional import LazyObject, SimpleLazyObject

from juntos.accounts.middleware import _evaluated
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db


def test_views_get_the_person_and_her_verification(personas):
    response = logged_in_client(personas.amina).get("/en/")
    user = response.wsgi_request.user
    assert not isinstance(user, LazyObject) and type(user).__name__ == "User"
    assert user.pk == personas.amina.pk and user.is_verified()  # type: ignore[attr-defined]
    visitor = Client().get("/en/").wsgi_request.user
    assert not isinstance(visitor, LazyObject) and not visitor.is_authenticated


def test_nested_lazy_people_are_unwrapped_to_the_one_inside(personas):
    nested = SimpleLazyObject(lambda: SimpleLazyObject(lambda: personas.rosa))
    assert _evaluated(nested) is personas.rosa
    assert _evaluated(personas.rosa) is personas.rosa
