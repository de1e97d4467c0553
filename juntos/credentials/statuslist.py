"""W3C Bitstring Status List: the compressed bitstring and the credential that carries it.

The bitstring is GZIP-compressed and multibase-encoded as base64url without padding ("u"
prefix). Index 0 is the left-most (most significant) bit of the first byte.
"""

from __future__ import annotations

import base64
import gzip
import io
from collections.abc import Iterable

# The spec's minimum: 16 KB uncompressed, so one credential hides among many.
MIN_BITS = 131_072


def encode_bits(size: int, set_indexes: Iterable[int]) -> str:
    """The multibase-encoded, GZIP-compressed bitstring with the given bits set."""
    bits = bytearray(max(size, MIN_BITS) // 8)
    for index in set_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def decode_bits(encoded: str, *, limit: int = 1 << 24) -> bytes:
    """Reverse of encode_bits; refuses anything that is not a bounded gzip'd bitstring."""
    if not encoded.startswith("u"):
        raise ValueError("not base64url multibase")
    raw = base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
    with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
        bits = stream.read(limit + 1)
    if len(bits) > limit:
        raise ValueError("status list too large")
    return bits


def bit_is_set(bits: bytes, index: int) -> bool:
    """Whether the bit at the index is 1; an index past the end is an error, never "valid"."""
    if not 0 <= index < len(bits) * 8:
        raise ValueError("index outside the status list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
