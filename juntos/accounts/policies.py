"""Who may do what with people, organisations and memberships."""

from __future__ import annotations

from collections.abc import Iterable

from juntos.accounts.actors import Actor
from juntos.accounts.choices import SECOND_FACTOR_KINDS, STAFF_ROLES, Role
from juntos.accounts.models import Membership, User
from juntos.core.compiled import CompiledLookup

# Read on every signed-in request (the second-factor check and the navigation need them); the
# accounts backend reads them with the person herself (`remember_memberships`).
MEMBERSHIPS_OF = CompiledLookup(
    Membership,
    "user",
    lambda user: Membership.objects.filter(user=user).select_related("organisation"),
)


def _memberships(user: Actor) -> list[Membership]:
    """The person's memberships, fetched once per request object and cached on it."""
    if not user.is_authenticated:
        return []
    cached: list[Membership] | None = getattr(user, "_juntos_memberships", None)
    if cached is None:
        cached = MEMBERSHIPS_OF(user.pk)
        remember_memberships(user, cached)
    return cached


def remember_memberships(user: Actor, memberships: list[Membership]) -> None:
    """Keep on this user object the memberships read for her (`MEMBERSHIPS_OF`)."""
    setattr(user, "_juntos_memberships", memberships)  # noqa: B010 - a cache, not a field


def forget_memberships(user: Actor) -> None:
    """Drop the memberships cached on this user object, after they changed."""
    if hasattr(user, "_juntos_memberships"):
        del user._juntos_memberships


def nav_roles(user: Actor) -> tuple[bool, bool, frozenset[tuple[str, str]]]:
    """What the site's navigation may show a person by: operator flags and the roles she holds
    (with the kind of organisation). The same memberships the second-factor check read: no
    query of its own."""
    held = frozenset((m.role, m.organisation.kind) for m in _memberships(user))
    return bool(user.is_staff), bool(user.is_superuser), held


def has_role(user: Actor, organisation_id: int | None, roles: Iterable[str]) -> bool:
    """True when the person holds one of the roles in that organisation."""
    wanted = set(roles)
    return any(
        m.organisation_id == organisation_id and m.role in wanted for m in _memberships(user)
    )


def holds_any_role(user: Actor, roles: Iterable[str]) -> bool:
    """True when the person holds one of the roles in any organisation."""
    wanted = set(roles)
    return any(m.role in wanted for m in _memberships(user))


def requires_second_factor(user: Actor) -> bool:
    """Staff of any organisation, members of an organisation whose members all open other
    people's data (a consulate), and platform operators must log in with a second factor."""
    if not user.is_authenticated:
        return False
    return bool(
        user.is_staff
        or user.is_superuser
        or any(
            m.role in STAFF_ROLES or m.organisation.kind in SECOND_FACTOR_KINDS
            for m in _memberships(user)
        )
    )


def is_verified_staff(user: Actor) -> bool:
    """A staff person who completed the second factor in this session."""
    return requires_second_factor(user) and bool(getattr(user, "is_verified", lambda: False)())


def can_manage_memberships(actor: Actor, organisation_id: int) -> bool:
    """Organisation administrators (and platform operators) grant and revoke roles."""
    if actor.is_authenticated and actor.is_superuser:
        return True
    return has_role(actor, organisation_id, {Role.ADMIN})


def can_view_person(actor: Actor, person: User) -> bool:
    """People see their own account; platform operators see everyone's."""
    return bool(actor.is_authenticated and (actor.pk == person.pk or actor.is_superuser))
