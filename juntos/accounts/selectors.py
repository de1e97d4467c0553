"""Reads about people and organisations."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from juntos.accounts.actors import Actor
from juntos.accounts.models import Membership, Organisation, User
from juntos.accounts.policies import _memberships


def memberships_of(user: Actor) -> list[Membership]:
    """The person's own memberships with their organisations (one query, cached)."""
    return _memberships(user)


def organisation_ids_for(user: Actor, roles: Iterable[str]) -> set[int]:
    """Ids of organisations in which the person holds one of the roles."""
    wanted = set(roles)
    return {m.organisation_id for m in _memberships(user) if m.role in wanted}


def organisations_of_kind(kind: str) -> QuerySet[Organisation]:
    """Active organisations of one type; the directory is public."""
    return Organisation.objects.filter(kind=kind, is_active=True).order_by("name")


def public_organisations() -> QuerySet[Organisation]:
    """Organisations listed publicly: the directory of the network."""
    return Organisation.objects.filter(is_active=True).order_by("name")


def people_with_role(organisation_id: int, roles: Iterable[str]) -> QuerySet[User]:
    """Active people holding one of the roles in an organisation (for notifications)."""
    return User.objects.filter(
        is_active=True,
        memberships__organisation_id=organisation_id,
        memberships__role__in=list(roles),
    ).distinct()


def people_with_role_in_kind(kind: str, roles: Iterable[str]) -> QuerySet[User]:
    """Active people holding one of the roles in any organisation of a kind (for notifications
    such as the rules desk's list to the network secretariat's coordinators)."""
    return User.objects.filter(
        is_active=True,
        memberships__organisation__kind=kind,
        memberships__role__in=list(roles),
    ).distinct()


def user_by_identifier(identifier: str) -> User | None:
    """Find an account by email or mobile number (for claiming and invitations)."""
    from juntos.accounts.backends import find_user_by_identifier

    return find_user_by_identifier(identifier)


def organisations_by_slug(slugs: Iterable[str]) -> dict[str, Organisation]:
    """Organisations keyed by slug (for imports and demo data)."""
    return {o.slug: o for o in Organisation.objects.filter(slug__in=list(slugs))}


def _needing_a_second_factor() -> Q:
    """Memberships that require a second factor (policies.requires_second_factor's rule)."""
    from juntos.accounts.choices import SECOND_FACTOR_KINDS, STAFF_ROLES

    return Q(memberships__role__in=list(STAFF_ROLES)) | Q(
        memberships__organisation__kind__in=list(SECOND_FACTOR_KINDS)
    )


def staff_without_second_factor() -> QuerySet[User]:
    """Active staff (every member a second factor is required of) with no authenticator yet."""
    return (
        User.objects.filter(_needing_a_second_factor(), is_active=True)
        .exclude(totpdevice__confirmed=True)
        .distinct()
        .order_by("email")
    )


def staff_with_roles() -> QuerySet[User]:
    """Active people holding a staff role in any organisation, or a membership a second factor
    is required for."""
    return (
        User.objects.filter(_needing_a_second_factor(), is_active=True).distinct().order_by("email")
    )


def second_factor_device_of(user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator device, if she set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_current_code(user: User) -> str:
    """The code the person's device shows now (for the demo's printed instructions)."""
    from django_otp.oath import TOTP

    device = second_factor_device_of(user)
    if device is None:
        return ""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
