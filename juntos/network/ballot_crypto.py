"""The cryptography of secret ballots: threshold exponential ElGamal, as Helios and Belenios do.

Each secret vote gets its own key pair when it opens. Each ballot is encrypted on arrival as
three ElGamal ciphertexts, one per choice (yes, no, abstain), each of 1 or 0: multiplying the
ballots' ciphertexts adds up the choices, so the tally is decrypted without ever decrypting a
ballot. The vote's private key x exists only while the vote opens: it is split at once with
Shamir's scheme over Z_q (k of n trustees), each share sealed to one trustee's X25519 key, and
forgotten. A trustee's X25519 private key is stored wrapped under Argon2id of a passphrase only
that person knows. At the count, each trustee's passphrase opens their share for one request,
which turns the summed ciphertexts into a partial decryption; k partial decryptions combine
(Lagrange in the exponent) into the totals. No one, the server included, ever holds x again.

Why not a library: python-paillier (`phe`) has had no release since 2022 and has no threshold
decryption, so its private key would have to be rebuilt whole at the count; PyCryptodome's
Shamir works over GF(2^128) on 16-byte secrets, which cannot combine in an exponent. The group
is RFC 3526's 2048-bit MODP group (a safe prime; 2 generates the subgroup of order q); the
primitives are Python's integers, `cryptography` (X25519, HKDF, AES-GCM) and argon2-cffi.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from juntos.core.crypto import passphrase_key

# RFC 3526, group 14 (2048-bit MODP).
P = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E34"
    "04DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5C"
    "B6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A"
    "69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA"
    "18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995"
    "497CEA956AE515D2261898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFF",
    16,
)
Q = (P - 1) // 2
G = 2
WIDTH = 256  # bytes of one group element
# Encryption randomness: 256-bit exponents, twice the group's 112-bit strength and more (the
# short-exponent practice of RFC 7919 and NIST SP 800-56A for safe-prime groups). Keys and
# shares are full-size.
NONCE_EXPONENT_BITS = 256
NONCE_BYTES = 12


class TrusteeKeyError(Exception):
    """A passphrase or a sealed share that does not open: nothing is revealed."""


# -- the vote's key ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    index: int  # 1..n, the Shamir x-coordinate
    value: int  # f(index) mod q

    @property
    def verification_key(self) -> int:
        """g^share: lets the server check a share it unsealed is the one it dealt."""
        return pow(G, self.value, P)


@dataclass(frozen=True)
class DealtKey:
    public_key: int
    shares: list[Share]


def key_deal(*, trustees: int, needed: int) -> DealtKey:
    """A fresh key pair whose private half exists only as `trustees` shares, `needed` to open."""
    if not 1 <= needed <= trustees:
        raise ValueError("needed must be between 1 and the number of trustees")
    secret = secrets.randbelow(Q - 1) + 1
    coefficients = [secret] + [secrets.randbelow(Q) for _ in range(needed - 1)]
    shares = [
        Share(index=i, value=sum(c * pow(i, e, Q) for e, c in enumerate(coefficients)) % Q)
        for i in range(1, trustees + 1)
    ]
    public_key = pow(G, secret, P)
    del secret, coefficients
    return DealtKey(public_key=public_key, shares=shares)


# -- ballots ----------------------------------------------------------------------------------

Ciphertext = tuple[int, int]  # (g^r, g^m · h^r)


def encrypt_one_hot(public_key: int, chosen: int, options: int) -> list[Ciphertext]:
    """One ciphertext per option: 1 for the chosen one, 0 for the others; fresh randomness each."""
    sealed = []
    for option in range(options):
        r = secrets.randbits(NONCE_EXPONENT_BITS) | 1
        message = G if option == chosen else 1
        sealed.append((pow(G, r, P), message * pow(public_key, r, P) % P))
    return sealed


def aggregate(ballots: list[list[Ciphertext]], options: int) -> list[Ciphertext]:
    """Component-wise product: a ciphertext of each option's total."""
    total = [(1, 1)] * options
    for ballot in ballots:
        total = [(a * c % P, b * d % P) for (a, b), (c, d) in zip(total, ballot, strict=True)]
    return total


def partial_decrypt(tally: list[Ciphertext], share: Share) -> list[int]:
    """One trustee's contribution to opening the totals (reveals nothing else)."""
    return [pow(a, share.value, P) for a, _ in tally]


def _scaled_lagrange_weights(indices: list[int]) -> tuple[int, dict[int, int]]:
    """(L, w) with w[i] = L * lambda_i(0) a small integer, for a small common multiple L.

    Interpolating in the exponent with lambda_i mod q would cost one 2048-bit exponentiation
    per share and choice; raising everything to L instead keeps every exponent small, and
    since L < q is invertible mod q, (g^L)^count still names a single count.
    """
    numerators, denominators = {}, {}
    for index in indices:
        numerators[index] = math.prod(other for other in indices if other != index)
        denominators[index] = math.prod(other - index for other in indices if other != index)
    scale = math.lcm(*(abs(d) for d in denominators.values()))
    weights = {i: scale * numerators[i] // denominators[i] for i in indices}
    return scale, weights


def _power(base: int, exponent: int) -> int:
    if exponent < 0:
        return pow(pow(base, -1, P), -exponent, P)
    return pow(base, exponent, P)


def combine(
    tally: list[Ciphertext], partials: dict[int, list[int]], *, most: int
) -> list[int] | None:
    """The totals from enough trustees' partial decryptions, or None if they do not open."""
    scale, weights = _scaled_lagrange_weights(sorted(partials))
    step = pow(G, scale, P)
    counts = []
    for position, (_, b) in enumerate(tally):
        # (b / a^x)^L = (g^count)^L, with a^(xL) from the partials and small exponents only.
        shared = 1
        for index, weight in weights.items():
            shared = shared * _power(partials[index][position], weight) % P
        target = pow(b, scale, P) * pow(shared, -1, P) % P
        count = _small_log(target, step, most)
        if count is None:
            return None
        counts.append(count)
    return counts


def _small_log(target: int, step: int, most: int) -> int | None:
    value = 1
    for count in range(most + 1):
        if value == target:
            return count
        value = value * step % P
    return None


# -- storage forms ----------------------------------------------------------------------------


def ints_to_hex(values: list[int]) -> str:
    """Fixed-width hex, so every ballot has the same length whatever it says."""
    return "".join(v.to_bytes(WIDTH, "big").hex() for v in values)


def hex_to_ints(text: str) -> list[int]:
    step = 2 * WIDTH
    return [int(text[i : i + step], 16) for i in range(0, len(text), step)]


def ciphertexts_to_hex(sealed: list[Ciphertext]) -> str:
    return ints_to_hex([v for pair in sealed for v in pair])


def hex_to_ciphertexts(text: str) -> list[Ciphertext]:
    values = hex_to_ints(text)
    return list(zip(values[0::2], values[1::2], strict=True))


def tracking_code(vote_id: int, sealed_hex: str) -> str:
    """A short public name for one ballot: 100 bits of its ciphertext's hash, in groups of 4."""
    digest = hashlib.sha256(f"juntos-ballot:{vote_id}:".encode() + sealed_hex.encode()).digest()
    bits = int.from_bytes(digest, "big") >> (256 - 100)
    # Crockford's base32, like every code people type here (see core.crypto.normalise_code).
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    text = "".join(alphabet[(bits >> (5 * (19 - i))) & 31] for i in range(20))
    return "-".join(text[i : i + 4] for i in range(0, 20, 4))


# -- trustees' keys ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WrappedTrusteeKey:
    public_key: str  # hex, X25519
    salt: str
    wrapped: str  # hex: nonce + AES-GCM ciphertext of the X25519 private key
    time_cost: int
    memory_kib: int


def trustee_key_create(
    passphrase: str, *, owner: str, time_cost: int, memory_kib: int
) -> WrappedTrusteeKey:
    """A new X25519 key pair for a trustee, its private half wrapped under the passphrase."""
    private = X25519PrivateKey.generate()
    return trustee_key_wrap(
        private, passphrase, owner=owner, time_cost=time_cost, memory_kib=memory_kib
    )


def trustee_key_wrap(
    private: X25519PrivateKey, passphrase: str, *, owner: str, time_cost: int, memory_kib: int
) -> WrappedTrusteeKey:
    salt = secrets.token_bytes(16)
    key = passphrase_key(passphrase, salt, time_cost=time_cost, memory_kib=memory_kib)
    nonce = secrets.token_bytes(NONCE_BYTES)
    raw = private.private_bytes_raw()
    wrapped = nonce + AESGCM(key).encrypt(nonce, raw, f"juntos-trustee:{owner}".encode())
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return WrappedTrusteeKey(
        public_key=public.hex(),
        salt=salt.hex(),
        wrapped=wrapped.hex(),
        time_cost=time_cost,
        memory_kib=memory_kib,
    )


def trustee_key_open(stored: WrappedTrusteeKey, passphrase: str, *, owner: str) -> X25519PrivateKey:
    """The trustee's private key, if this is the passphrase; TrusteeKeyError otherwise."""
    key = passphrase_key(
        passphrase,
        bytes.fromhex(stored.salt),
        time_cost=stored.time_cost,
        memory_kib=stored.memory_kib,
    )
    blob = bytes.fromhex(stored.wrapped)
    try:
        raw = AESGCM(key).decrypt(
            blob[:NONCE_BYTES], blob[NONCE_BYTES:], f"juntos-trustee:{owner}".encode()
        )
    except InvalidTag as exc:
        raise TrusteeKeyError("this passphrase does not open the key") from exc
    return X25519PrivateKey.from_private_bytes(raw)


def _share_key(shared_secret: bytes, context: bytes) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=None, info=context).derive(shared_secret)


def share_seal(share: Share, trustee_public_hex: str, *, context: str) -> str:
    """Seal a share to a trustee's public key (X25519, HKDF, AES-GCM): hex."""
    ephemeral = X25519PrivateKey.generate()
    recipient = X25519PublicKey.from_public_bytes(bytes.fromhex(trustee_public_hex))
    key = _share_key(ephemeral.exchange(recipient), context.encode())
    nonce = secrets.token_bytes(NONCE_BYTES)
    plaintext = share.value.to_bytes(WIDTH, "big")
    sealed = AESGCM(key).encrypt(nonce, plaintext, context.encode())
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return (ephemeral_public + nonce + sealed).hex()


def share_open(sealed_hex: str, private: X25519PrivateKey, *, index: int, context: str) -> Share:
    """Unseal a share with the trustee's private key; TrusteeKeyError if it does not open."""
    blob = bytes.fromhex(sealed_hex)
    ephemeral = X25519PublicKey.from_public_bytes(blob[:32])
    key = _share_key(private.exchange(ephemeral), context.encode())
    nonce, sealed = blob[32 : 32 + NONCE_BYTES], blob[32 + NONCE_BYTES :]
    try:
        plaintext = AESGCM(key).decrypt(nonce, sealed, context.encode())
    except InvalidTag as exc:
        raise TrusteeKeyError("this share was not sealed to this key") from exc
    return Share(index=index, value=int.from_bytes(plaintext, "big"))
