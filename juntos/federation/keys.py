"""Keys: the instance's Ed25519 signing key and each organisation's X25519 inbox key.

Both private halves are wrapped by core's keyring (one purpose per key), as the credentials
issuer keys are; only the public halves are readable from the database.
"""

from __future__ import annotations

import base64
import secrets
from functools import lru_cache

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from juntos.core.crypto import public_key_text, unwrap_key, wrap_key
from juntos.federation.models import InboxKey, InstanceKey

# RFC 9180: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305.
SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
HPKE_INFO = b"juntos-federation-referral-v1"


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def instance_key_new() -> InstanceKey:
    """A fresh signing key row (not saved)."""
    key_id = f"juntos-{secrets.token_urlsafe(9)}"
    key = Ed25519PrivateKey.generate()
    version, wrapped = wrap_key(_raw_private(key), purpose=f"federation-signing:{key_id}")
    return InstanceKey(
        key_id=key_id,
        public_key=public_key_text(key.public_key()),
        wrapped_private_key=wrapped,
        key_version=version,
    )


@lru_cache(maxsize=8)
def _signing(key_id: str, version: int, wrapped: bytes) -> Ed25519PrivateKey:
    raw = unwrap_key(wrapped, purpose=f"federation-signing:{key_id}", version=version)
    return Ed25519PrivateKey.from_private_bytes(raw)


def signing_key(row: InstanceKey) -> Ed25519PrivateKey:
    """The unwrapped private key (kept in memory per process, never stored)."""
    return _signing(row.key_id, row.key_version, bytes(row.wrapped_private_key))


def inbox_key_new(organisation_id: int) -> InboxKey:
    key = X25519PrivateKey.generate()
    version, wrapped = wrap_key(_raw_private(key), purpose=f"federation-inbox:{organisation_id}")
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return InboxKey(
        organisation_id=organisation_id,
        public_key=base64.b64encode(public).decode(),
        wrapped_private_key=wrapped,
        key_version=version,
    )


def seal(plaintext: bytes, public_key_text_value: str) -> bytes:
    """HPKE base mode to an organisation's published X25519 key: encapsulated key + ciphertext."""
    public = X25519PublicKey.from_public_bytes(base64.b64decode(public_key_text_value))
    return SUITE.encrypt(plaintext, public, info=HPKE_INFO)


def open_sealed(sealed: bytes, row: InboxKey) -> bytes:
    """Open a body sealed to this organisation (in memory only)."""
    raw = unwrap_key(
        bytes(row.wrapped_private_key),
        purpose=f"federation-inbox:{row.organisation_id}",
        version=row.key_version,
    )
    return SUITE.decrypt(sealed, X25519PrivateKey.from_private_bytes(raw), info=HPKE_INFO)
