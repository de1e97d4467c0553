from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from juntos.accounts.models import User
from juntos.accounts.phones import looks_like_email, normalise_phone
from juntos.accounts.policies import MEMBERSHIPS_OF, remember_memberships
from juntos.core.compiled import CompiledLookup, run_together

# The signed-in person, read on every request she makes (see core.compiled).
_user_by_pk = CompiledLookup(User, "id", lambda pk: User._default_manager.filter(pk=pk))


def find_user_by_identifier(identifier: str) -> User | None:
    """The active person whose email or mobile number this is."""
    identifier = identifier.strip()
    if not identifier:
        return None
    if looks_like_email(identifier):
        return User.objects.filter(email__iexact=identifier, is_active=True).first()
    try:
        phone = normalise_phone(identifier)
    except ValidationError:
        return None
    return User.objects.filter(phone=phone, is_active=True).first()


class EmailOrPhoneBackend(ModelBackend):
    """Log in with an email address or a mobile number and a password."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None or password is None:
            return None
        user = find_user_by_identifier(username)
        if user is None:
            User().set_password(password)  # spend the same time as a real check
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id: Any) -> User | None:
        """The person of a session, as Django's backend finds her (active, or none), with
        her memberships read at the same time (every signed-in request needs them: the
        second-factor check and the navigation), which on PostgreSQL is one wait for both."""
        found, memberships = run_together((_user_by_pk, (user_id,)), (MEMBERSHIPS_OF, (user_id,)))
        if found and self.user_can_authenticate(found[0]):
            remember_memberships(found[0], memberships)
            return found[0]
        return None
