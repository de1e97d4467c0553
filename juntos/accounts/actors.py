"""Who is acting: the one type every service, selector and policy takes for a person.

`Actor` is whoever sent the request, signed in or not (a view passes `request.user` as it is).
`SignedIn` is a person with an account; views that require sign-in narrow to it with
`signed_in(request)`. Scheduled jobs and the system act as `None`, typed `Actor | None`
where a service allows it.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from juntos.accounts.models import User

__all__ = ["Actor", "SignedIn", "signed_in"]

Actor: TypeAlias = User | AnonymousUser
SignedIn: TypeAlias = User


def signed_in(request: HttpRequest) -> User:
    """The person behind a request that only signed-in people reach (login_required ran first)."""
    user = request.user
    assert isinstance(user, User), "this view requires sign-in"
    return user
