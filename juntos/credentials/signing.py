"""The issuer's RSA keys: made, wrapped by core's keyring, published as JWKS and did:web.

Private keys are kept only wrapped (AES-GCM under the keyring, one purpose per key id), so a
copy of the database cannot sign. Rotation makes a new current key and retires the old one,
which stays published: credentials it signed keep verifying.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from joserfc.jwk import RSAKey

from juntos.core.crypto import unwrap_key, wrap_key
from juntos.credentials.models import IssuerKey


def _purpose(kid: str) -> str:
    return f"credentials-issuer-key:{kid}"


def issuer_did() -> str:
    """did:web of the site (host, with a port written %3A as did:web requires)."""
    host = urlsplit(settings.SITE_URL).netloc.replace(":", "%3A")
    return f"did:web:{host}"


def key_new() -> IssuerKey:
    """A fresh 2048-bit RSA key row (not saved); only its public half is readable."""
    kid = secrets.token_urlsafe(12)
    key = RSAKey.generate_key(2048)
    version, wrapped = wrap_key(key.as_pem(private=True), purpose=_purpose(kid))
    public = {**key.as_dict(private=False), "kid": kid, "alg": "RS256", "use": "sig"}
    return IssuerKey(kid=kid, public_jwk=public, wrapped_private_key=wrapped, key_version=version)


@lru_cache(maxsize=8)
def _private(kid: str, version: int, wrapped: bytes) -> RSAKey:
    return RSAKey.import_key(unwrap_key(wrapped, purpose=_purpose(kid), version=version))


def private_key(row: IssuerKey) -> RSAKey:
    """The unwrapped signing key of a row (kept in memory per process, never stored)."""
    return _private(row.kid, row.key_version, bytes(row.wrapped_private_key))


def public_key(jwk: dict[str, object]) -> RSAKey:
    """An RSA public key from a published JWK (its public members only)."""
    members = tuple(sorted((k, str(v)) for k, v in jwk.items() if k in {"kty", "n", "e", "kid"}))
    return _imported(members)


@lru_cache(maxsize=64)
def _imported(members: tuple[tuple[str, str], ...]) -> RSAKey:
    """The key of these members, made once per process: its members are the whole key."""
    return RSAKey.import_key(dict(members))


def verification_method(kid: str) -> str:
    return f"{issuer_did()}#{kid}"
