"""Every write about people, organisations and roles; each one is audited."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from juntos.accounts.actors import Actor
from juntos.accounts.choices import Channel, Role, Sector
from juntos.accounts.models import Membership, Organisation, User
from juntos.accounts.phones import looks_like_email, normalise_phone
from juntos.accounts.policies import can_manage_memberships, forget_memberships
from juntos.accounts.selectors import second_factor_device_of
from juntos.core.ratelimit import rate_hit, rate_limited, rate_reset
from juntos.core.services import audit_record

__all__ = [
    "contact_check_channel",
    "login_failed",
    "login_succeeded",
    "login_throttled",
    "membership_grant",
    "membership_revoke",
    "operator_create",
    "organisation_create",
    "person_create",
    "person_delete",
    "second_factor_confirm",
    "second_factor_install",
    "second_factor_prepare",
    "second_factor_verify",
    "user_update_preferences",
]

EMAIL_TAKEN = _("An account with this email already exists. Log in instead, or use another email.")
PHONE_TAKEN = _(
    "An account with this number already exists. Log in instead, or use another number."
)
CHANNEL_NEEDS_PHONE = _("To be contacted by SMS or WhatsApp, give your mobile number.")
CHANNEL_NEEDS_EMAIL = _("To be contacted by email, give your email address.")
NEEDS_LOGIN = _("Give a mobile number or an email address, so that you can log in.")


def _channel_errors(
    *, email: str | None, phone: str | None, channel: str
) -> dict[str, str | Promise]:
    errors: dict[str, str | Promise] = {}
    if not email and not phone:
        errors["phone"] = NEEDS_LOGIN
    if channel in (Channel.SMS, Channel.WHATSAPP) and not phone:
        errors.setdefault("phone", CHANNEL_NEEDS_PHONE)
    if channel == Channel.EMAIL and not email:
        errors.setdefault("email", CHANNEL_NEEDS_EMAIL)
    return errors


def contact_check_channel(*, email: str | None, phone: str | None, channel: str) -> None:
    """A way to log in, and an address for the chosen channel; says nothing of other accounts."""
    errors = _channel_errors(email=email, phone=phone, channel=channel)
    if errors:
        raise ValidationError(errors)


def _check_contact(
    *, email: str | None, phone: str | None, channel: str, exclude: User | None
) -> None:
    # Only for people who already hold an account or for operators: self sign-up never says
    # that a number or email is taken (see accounts/codes.py).
    errors = _channel_errors(email=email, phone=phone, channel=channel)
    users = User.objects.exclude(pk=exclude.pk) if exclude else User.objects.all()
    if email and users.filter(email__iexact=email).exists():
        errors["email"] = EMAIL_TAKEN
    if phone and users.filter(phone=phone).exists():
        errors["phone"] = PHONE_TAKEN
    if errors:
        raise ValidationError(errors)


def person_create(
    *,
    actor: Actor | None,
    display_name: str,
    password: str,
    email: str = "",
    phone: str = "",
    language: str,
    channel: str,
    sector: str = Sector.MIGRANT_WORKER,
    province: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create an account; raises ValidationError keyed by field (operators, imports, demo data)."""
    if (is_staff or is_superuser) and not (actor is not None and actor.is_superuser):
        raise PermissionDenied
    email_value = email.strip().lower() or None
    phone_value = normalise_phone(phone) if phone.strip() else None
    _check_contact(email=email_value, phone=phone_value, channel=channel, exclude=None)
    with transaction.atomic():
        user = User.objects.create_user(
            email=email_value,
            password=password,
            phone=phone_value,
            display_name=display_name.strip(),
            preferred_language=language,
            preferred_channel=channel,
            sector=sector,
            province=province,
            is_staff=is_staff or is_superuser,
            is_superuser=is_superuser,
        )
        audit_record(
            actor=actor or user,
            action="accounts.person_created",
            target=user,
            details={"self_signup": actor is None},
        )
    return user


def user_update_preferences(
    *, actor: Actor, user: User, language: str, channel: str, province: str = ""
) -> User:
    """Change a person's language, channel and province."""
    if actor.pk != user.pk:
        raise PermissionDenied
    _check_contact(email=user.email, phone=user.phone, channel=channel, exclude=user)
    with transaction.atomic():
        user.preferred_language = language
        user.preferred_channel = channel
        user.province = province
        user.save(update_fields=["preferred_language", "preferred_channel", "province"])
        audit_record(
            actor=actor,
            action="accounts.preferences_changed",
            target=user,
            details={"language": language, "channel": channel, "province": province},
        )
    return user


def organisation_create(
    *,
    actor: Actor | None,
    name: str,
    kind: str,
    province: str = "",
    languages: str = "en",
    **extra: str,
) -> Organisation:
    """Register an organisation on the platform (platform operators only)."""
    if actor is not None and not (actor.is_authenticated and actor.is_superuser):
        raise PermissionDenied
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name,
            slug=extra.pop("slug", "") or slugify(name)[:50],
            kind=kind,
            province=province,
            languages=languages,
            **extra,
        )
        audit_record(actor=actor, action="accounts.organisation_created", target=organisation)
    return organisation


def membership_grant(
    *, actor: Actor | None, user: User, organisation: Organisation, role: str
) -> Membership:
    """Give a person a role in an organisation; idempotent."""
    if actor is not None and not can_manage_memberships(actor, organisation.pk):
        raise PermissionDenied
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, role=role
        )
        if created:
            audit_record(
                actor=actor,
                action="accounts.role_granted",
                target=membership,
                organisation_id=organisation.pk,
                details={"user": user.pk, "role": role},
            )
    forget_memberships(user)  # this user object now sees its new role
    return membership


def membership_revoke(*, actor: Actor, membership: Membership) -> None:
    """Take a role away."""
    if not can_manage_memberships(actor, membership.organisation_id):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="accounts.role_revoked",
            target=membership,
            organisation_id=membership.organisation_id,
            details={"user": membership.user_id, "role": membership.role},
        )
        membership.delete()


# Login throttling. Failures count per account *and* client: a guesser at one client is
# slowed for that account without locking the owner out from elsewhere; a separate, much
# higher ceiling per client stops broad guessing without blocking a shared farm connection.
# The account is counted as the login reads it, so typing one number or email many ways
# (spaces, dashes, +52 1, 00, capitals) is still one account.


def account_key(identifier: str) -> str:
    """The account an identifier names, as login finds it: one key however it was typed."""
    identifier = identifier.strip()
    if looks_like_email(identifier):
        return identifier.lower()
    try:
        return normalise_phone(identifier)
    except ValidationError:
        return "".join(ch for ch in identifier if ch.isalnum()).lower()


def _account_client_key(identifier: str, address: str) -> str:
    return f"{account_key(identifier)}|{address}"


def login_throttled(*, identifier: str, address: str) -> bool:
    """True when this account (from this client) or this client must wait."""
    per_account = settings.JUNTOS_LOGIN_FAILURES_PER_ACCOUNT
    per_address = settings.JUNTOS_LOGIN_FAILURES_PER_ADDRESS
    return rate_limited(
        "login-account", _account_client_key(identifier, address), limit=per_account
    ) or rate_limited("login-address", address, limit=per_address)


def login_failed(*, identifier: str, address: str) -> None:
    """Count one failed login."""
    window = settings.JUNTOS_LOGIN_WINDOW_SECONDS
    rate_hit("login-account", _account_client_key(identifier, address), window_seconds=window)
    rate_hit("login-address", address, window_seconds=window)


def login_succeeded(*, user: User, identifier: str, address: str) -> None:
    """Clear the account's failures and audit the login."""
    rate_reset("login-account", _account_client_key(identifier, address))
    audit_record(actor=user, action="accounts.logged_in", target=user)


def operator_create(*, email: str, password: str, display_name: str) -> User:
    """Create a platform operator (superuser); used from the command line and demo data."""
    with transaction.atomic():
        user = User.objects.create_superuser(email, password, display_name=display_name)
        audit_record(actor=None, action="accounts.operator_created", target=user)
    return user


def person_delete(*, actor: Actor, user: User) -> None:
    """Delete an account at the person's own request (or by a platform operator)."""
    if not (actor.pk == user.pk or actor.is_superuser):
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=None, action="accounts.person_deleted", details={"person": user.pk})
        user.delete()


# Second factor (django-otp's TOTP devices) ---------------------------------------------


def second_factor_prepare(*, user: User) -> TOTPDevice:
    """The unconfirmed device being set up, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def second_factor_confirm(*, request: HttpRequest, user: User, token: str) -> bool:
    """Confirm a new device with its first code and mark this session as verified."""
    device = second_factor_prepare(user=user)
    if not device.verify_token(token.strip().replace(" ", "")):
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=user, action="accounts.second_factor_enrolled", target=user)
    otp_login(request, device)
    return True


def second_factor_verify(*, request: HttpRequest, user: User, token: str) -> bool:
    """Check a code from the person's confirmed device and mark the session as verified."""
    device = second_factor_device_of(user)
    if device is None or not device.verify_token(token.strip().replace(" ", "")):
        return False
    otp_login(request, device)
    audit_record(actor=user, action="accounts.second_factor_passed", target=user)
    return True


def second_factor_install(*, actor: Actor | None, user: User, key_hex: str) -> TOTPDevice:
    """Install a confirmed device with a given key (operators provisioning, and demo data)."""
    if actor is not None and not actor.is_superuser:
        raise PermissionDenied
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user, name="authenticator", key=key_hex, confirmed=True
        )
        audit_record(actor=actor, action="accounts.second_factor_installed", target=user)
    return device
