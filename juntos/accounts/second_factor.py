"""Showing a new authenticator device to the person setting it up (no reads, no writes).

The device rows are read in selectors (`second_factor_device_of`) and written in services
(`second_factor_prepare`, `second_factor_confirm`, `second_factor_verify`,
`second_factor_install`), like every other read and write about people.
"""

from __future__ import annotations

import base64

import segno
from django_otp.plugins.otp_totp.models import TOTPDevice


def device_secret(device: TOTPDevice) -> str:
    """The secret in base32, grouped in fours, for typing into an authenticator app."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def device_qr_svg(device: TOTPDevice) -> str:
    """An inline SVG QR code of the otpauth:// URL."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR")
