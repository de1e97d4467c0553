"""Checking that a webhook came from the gateway, as each gateway documents its signature.

- Twilio (SMS, voice, status callbacks): `X-Twilio-Signature` is the base64 HMAC-SHA1, keyed
  with the account's auth token, of the full URL Twilio called followed by every POST
  parameter sorted by name, each name directly followed by its value (no separators).
- Meta (WhatsApp Cloud API): `X-Hub-Signature-256` is `sha256=` and the hex HMAC-SHA256 of the
  raw request body, keyed with the app secret. Subscribing the callback is a GET with
  `hub.mode=subscribe`, `hub.verify_token` (ours) and `hub.challenge`, echoed back.

An empty secret refuses everything: a deployment that has not configured a gateway accepts
nothing that claims to come from it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable


def twilio_signature(url: str, params: Iterable[tuple[str, str]], auth_token: str) -> str:
    """The signature Twilio sends for a POST of `params` to `url`."""
    signed = url + "".join(name + value for name, value in sorted(params))
    digest = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def twilio_valid(
    url: str, params: Iterable[tuple[str, str]], auth_token: str, signature: str
) -> bool:
    if not auth_token or not signature:
        return False
    expected = twilio_signature(url, params, auth_token).encode()
    return hmac.compare_digest(expected, signature.strip().encode())


def meta_signature(body: bytes, app_secret: str) -> str:
    """The `X-Hub-Signature-256` header Meta sends for this raw body."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def meta_valid(body: bytes, app_secret: str, header: str) -> bool:
    if not app_secret or not header:
        return False
    expected = meta_signature(body, app_secret).encode()
    return hmac.compare_digest(expected, header.strip().lower().encode())


def verify_token_valid(given: str, expected: str) -> bool:
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())
