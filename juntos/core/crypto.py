"""Cryptographic primitives used across Juntos: keyed hashes, AES-GCM and key wrapping.

Keys come from settings (the environment), never from the database. The keyring holds numbered
versions so that data encrypted under an old key can still be read after a rotation; new data
is always written with the newest version.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from functools import cache

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

NONCE_BYTES = 12


class DecryptionError(Exception):
    """Raised when a ciphertext is damaged or was not made with the given key."""


def _derive(secret: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=None, info=purpose.encode()).derive(secret)


@cache
def _hash_key() -> bytes:
    configured = settings.JUNTOS_HASH_KEY
    if configured:
        return base64.urlsafe_b64decode(configured)
    return _derive(settings.SECRET_KEY.encode(), "juntos-hash-key")


def keyed_hash(purpose: str, value: str) -> str:
    """HMAC-SHA256 of value, separated by purpose, as hex: a lookup key that reveals nothing."""
    message = purpose.encode() + b"\x00" + value.encode()
    return hmac.new(_hash_key(), message, hashlib.sha256).hexdigest()


@cache
def audit_chain_key() -> bytes:
    """The key of the audit chain's HMAC: without it no entry can be re-hashed to fit."""
    configured = settings.JUNTOS_AUDIT_KEY
    if configured:
        return base64.urlsafe_b64decode(configured)
    return _derive(settings.SECRET_KEY.encode(), "juntos-audit-chain-key")


@cache
def audit_signing_key() -> Ed25519PrivateKey:
    """The Ed25519 key that signs audit checkpoints (a 32-byte seed, base64)."""
    configured = settings.JUNTOS_AUDIT_SIGNING_KEY
    seed = (
        base64.urlsafe_b64decode(configured)
        if configured
        else _derive(settings.SECRET_KEY.encode(), "juntos-audit-signing-key")
    )
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_text(key: Ed25519PublicKey) -> str:
    """A public key as base64 of its 32 raw bytes, the form checkpoints publish."""
    return base64.b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def public_key_from_text(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(text))


@dataclass(frozen=True)
class Keyring:
    """Numbered master keys; the highest number encrypts, every number can decrypt."""

    keys: dict[int, bytes]

    @property
    def current_version(self) -> int:
        return max(self.keys)

    def key(self, version: int, purpose: str) -> bytes:
        """A key for one purpose (e.g. one organisation), derived from a master key version."""
        try:
            master = self.keys[version]
        except KeyError as exc:
            raise DecryptionError(f"unknown key version {version}") from exc
        return _derive(master, purpose)


def parse_keyring(spec: str) -> Keyring:
    """Parse "1:base64key,2:base64key" into a keyring."""
    keys: dict[int, bytes] = {}
    for item in spec.split(","):
        if not item.strip():
            continue
        version, _, encoded = item.strip().partition(":")
        raw = base64.urlsafe_b64decode(encoded)
        if len(raw) != 32:
            raise ValueError(f"key version {version} must be 32 bytes")
        keys[int(version)] = raw
    if not keys:
        raise ValueError("the keyring is empty")
    return Keyring(keys)


@cache
def keyring() -> Keyring:
    """The configured keyring, or a development keyring derived from SECRET_KEY."""
    if settings.JUNTOS_ENCRYPTION_KEYS:
        return parse_keyring(settings.JUNTOS_ENCRYPTION_KEYS)
    return Keyring({1: _derive(settings.SECRET_KEY.encode(), "juntos-development-keyring")})


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return AESGCM.generate_key(bit_length=256)


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode()


def encrypt(key: bytes, plaintext: bytes, *, context: str) -> bytes:
    """AES-GCM encrypt; the context is authenticated so a ciphertext cannot be moved elsewhere."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, context.encode())


def decrypt(key: bytes, ciphertext: bytes, *, context: str) -> bytes:
    """Reverse of encrypt(); raises DecryptionError on any tampering or wrong key."""
    nonce, body = ciphertext[:NONCE_BYTES], ciphertext[NONCE_BYTES:]
    try:
        return AESGCM(key).decrypt(nonce, body, context.encode())
    except Exception as exc:  # cryptography raises InvalidTag; never leak which part failed
        raise DecryptionError("ciphertext could not be decrypted") from exc


def wrap_key(data_key: bytes, *, purpose: str, version: int | None = None) -> tuple[int, bytes]:
    """Encrypt a data key under the master key for one purpose; returns (version, wrapped)."""
    ring = keyring()
    version = ring.current_version if version is None else version
    return version, encrypt(ring.key(version, purpose), data_key, context=f"wrap:{purpose}")


def unwrap_key(wrapped: bytes, *, purpose: str, version: int) -> bytes:
    """Decrypt a data key wrapped by wrap_key()."""
    return decrypt(keyring().key(version, purpose), wrapped, context=f"wrap:{purpose}")


# Crockford base32: digits and letters without I, L, O and U, which are misread aloud.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def passphrase_key(passphrase: str, salt: bytes, *, time_cost: int, memory_kib: int) -> bytes:
    """A 32-byte key stretched from a person's passphrase with Argon2id (one lane), for keys
    that only she can unlock: ballot trustees' and liaisons' private keys."""
    return hash_secret_raw(
        passphrase.encode(),
        salt,
        time_cost=time_cost,
        memory_cost=memory_kib,
        parallelism=1,
        hash_len=32,
        type=Type.ID,
    )


def random_code(groups: int = 5, group_size: int = 4) -> str:
    """A code to read aloud: Crockford base32 (no I, L, O, U), in groups joined by dashes.

    Five groups of four characters carry 100 bits of randomness.
    """
    chars = [secrets.choice(CODE_ALPHABET) for _ in range(groups * group_size)]
    return "-".join("".join(chars[i : i + group_size]) for i in range(0, len(chars), group_size))


def normalise_code(text: str) -> str:
    """Undo what people do when typing a code: case, spaces, look-alike letters."""
    table = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(table)
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))
