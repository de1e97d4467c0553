"""The cryptography of evaluations: HPKE sealing (RFC 9180), the passphrase-wrapped liaison
key (Argon2id + AES-GCM), and the unlock whose key lives only in the liaison's cookie.

HPKE suite: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM, base mode, from
`cryptography.hazmat.primitives.hpke` (its one-shot `encrypt` returns enc || ciphertext).
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from juntos.core.crypto import DecryptionError, decrypt, encrypt, new_key, passphrase_key

SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_128_GCM)
ENC_BYTES = hpke.KEM.X25519.enc_length()
INFO_PREFIX = "juntos.evaluations.v1"
SALT_BYTES = 16


class WrongPassphrase(Exception):
    """The passphrase does not open the liaison's key."""


def hpke_info(*, kind: str, season_year: int, season_ref: str) -> bytes:
    """What the seal binds: a ciphertext moved to another kind, season or worker fails."""
    return f"{INFO_PREFIX}|kind={kind}|season={season_year}|worker={season_ref}".encode()


def seal(plaintext: bytes, public_key: bytes, *, info: bytes) -> tuple[bytes, bytes]:
    """HPKE-seal to a raw X25519 public key; returns (encapsulated key, ciphertext)."""
    sealed = SUITE.encrypt(plaintext, X25519PublicKey.from_public_bytes(public_key), info=info)
    return sealed[:ENC_BYTES], sealed[ENC_BYTES:]


def open_sealed(
    encapsulated_key: bytes, ciphertext: bytes, private_key: X25519PrivateKey, *, info: bytes
) -> bytes:
    """Reverse of seal(); DecryptionError for a wrong key, a changed info or tampering."""
    try:
        return SUITE.decrypt(encapsulated_key + ciphertext, private_key, info=info)
    except Exception as exc:  # never say which part failed
        raise DecryptionError("evaluation could not be opened") from exc


def raw_private(private_key: X25519PrivateKey) -> bytes:
    return private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def raw_public(private_key: X25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class WrappedKey:
    public_key: bytes
    wrapped_private_key: bytes
    salt: bytes
    time_cost: int
    memory_kib: int


def _wrap_context(organisation_id: int) -> str:
    return f"evaluations.liaison-key:{organisation_id}"


def key_pair_create(
    passphrase: str, *, organisation_id: int, time_cost: int, memory_kib: int
) -> WrappedKey:
    """A new X25519 key pair whose private half only the passphrase unwraps."""
    private = X25519PrivateKey.generate()
    salt = secrets.token_bytes(SALT_BYTES)
    kek = passphrase_key(passphrase, salt, time_cost=time_cost, memory_kib=memory_kib)
    wrapped = encrypt(kek, raw_private(private), context=_wrap_context(organisation_id))
    return WrappedKey(raw_public(private), wrapped, salt, time_cost, memory_kib)


def private_key_unwrap(
    wrapped: WrappedKey, passphrase: str, *, organisation_id: int
) -> X25519PrivateKey:
    """The private key, or WrongPassphrase."""
    kek = passphrase_key(
        passphrase, wrapped.salt, time_cost=wrapped.time_cost, memory_kib=wrapped.memory_kib
    )
    try:
        raw = decrypt(kek, wrapped.wrapped_private_key, context=_wrap_context(organisation_id))
    except DecryptionError as exc:
        raise WrongPassphrase from exc
    return X25519PrivateKey.from_private_bytes(raw)


def unlock_context(*, unlock_id: int, user_id: int, key_id: int) -> str:
    return f"evaluations.unlock:{unlock_id}:{user_id}:{key_id}"


def session_seal(private_key: X25519PrivateKey, *, context: str) -> tuple[bytes, bytes]:
    """Encrypt the private key under a fresh random key; returns (cookie key, sealed key)."""
    cookie_key = new_key()
    return cookie_key, encrypt(cookie_key, raw_private(private_key), context=context)


def session_open(sealed: bytes, cookie_key: bytes, *, context: str) -> X25519PrivateKey:
    """The private key from an unlock row and the cookie's key; DecryptionError otherwise."""
    return X25519PrivateKey.from_private_bytes(decrypt(cookie_key, sealed, context=context))


def cookie_value(unlock_id: int, cookie_key: bytes) -> str:
    return f"{unlock_id}.{base64.urlsafe_b64encode(cookie_key).decode().rstrip('=')}"


def parse_cookie(value: str) -> tuple[int, bytes] | None:
    """(unlock id, cookie key) from the cookie, or None for anything malformed."""
    unlock_id, _, encoded = value.partition(".")
    if not unlock_id.isdigit() or len(unlock_id) > 18 or not encoded:
        return None
    try:
        key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        return None
    return (int(unlock_id), key) if len(key) == 32 else None
