"""Two-factor login for staff with time-based one-time codes (django-otp's TOTP devices)."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from juntos.accounts.models import User
from juntos.core.services import audit_record


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def device_secret(device: TOTPDevice) -> str:
    """The secret in base32, grouped in fours, for typing into an authenticator app."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def device_qr_svg(device: TOTPDevice) -> str:
    """An inline SVG QR code of the otpauth:// URL."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR")


def second_factor_confirm(*, request: HttpRequest, user: User, token: str) -> bool:
    """Confirm a new device with its first code and mark this session as verified."""
    device = pending_device(user)
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
    device = confirmed_device(user)
    if device is None or not device.verify_token(token.strip().replace(" ", "")):
        return False
    otp_login(request, device)
    audit_record(actor=user, action="accounts.second_factor_passed", target=user)
    return True


def second_factor_install(*, actor: Any, user: User, key_hex: str) -> TOTPDevice:
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


def current_code(user: User) -> str:
    """The code the person's device shows now (for the demo's printed instructions)."""
    from django_otp.oath import TOTP

    device = confirmed_device(user)
    if device is None:
        return ""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
