"""RFC 9421, Appendix B.2.6 ("Signing a Request Using ed25519"), with the test key of B.1.4:
this app's signer (the `http-message-signatures` library) builds the same signature base and
the same signature, and verifies it.
Ed25519 is deterministic, so the signature must match byte for byte."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from http_message_signatures import InvalidSignature

from juntos.federation.signatures import (
    RequestMessage,
    content_digest,
    digest_matches,
    sign_message,
    verify_message,
)

# test-key-ed25519 (RFC 9421, B.1.4), as a JWK's "d" and "x".
PRIVATE = "n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU"
PUBLIC = "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs"

EXPECTED_BASE = (
    '"date": Tue, 20 Apr 2021 02:07:55 GMT\n'
    '"@method": POST\n'
    '"@path": /foo\n'
    '"@authority": example.com\n'
    '"content-type": application/json\n'
    '"content-length": 18\n'
    '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" '
    '"content-length");created=1618884473;keyid="test-key-ed25519"'
)
EXPECTED_INPUT = (
    'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length")'
    ';created=1618884473;keyid="test-key-ed25519"'
)
EXPECTED_SIGNATURE = (
    "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5W"
    "PpBKRCw==:"
)
COMPONENTS = ("date", "@method", "@path", "@authority", "content-type", "content-length")
CREATED = dt.datetime.fromtimestamp(1618884473, dt.UTC)


def _b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _test_request() -> RequestMessage:
    """The test-request message of RFC 9421, B.2 (its body is {"hello": "world"})."""
    return RequestMessage(
        "POST",
        "https://example.com/foo?param=Value&Pet=dog",
        {
            "Host": "example.com",
            "Date": "Tue, 20 Apr 2021 02:07:55 GMT",
            "Content-Type": "application/json",
            "Content-Digest": "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+"
            "AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
            "Content-Length": "18",
        },
    )


def test_the_signature_base_and_signature_are_the_rfcs() -> None:
    message = _test_request()
    key = Ed25519PrivateKey.from_private_bytes(_b64url(PRIVATE))
    base = sign_message(
        message,
        key=key,
        key_id="test-key-ed25519",
        label="sig-b26",
        components=COMPONENTS,
        created=CREATED,
        include_alg=False,
    )
    assert base.decode() == EXPECTED_BASE
    assert message.headers["Signature-Input"] == EXPECTED_INPUT
    assert message.headers["Signature"] == EXPECTED_SIGNATURE


def test_the_rfcs_signature_verifies_with_the_public_key_and_fails_when_changed() -> None:
    message = _test_request()
    message.headers["Signature-Input"] = EXPECTED_INPUT
    message.headers["Signature"] = EXPECTED_SIGNATURE
    public = Ed25519PublicKey.from_public_bytes(_b64url(PUBLIC))
    params = verify_message(message, label="sig-b26", key=public)
    assert params == {"created": 1618884473, "keyid": "test-key-ed25519"}
    message.headers["Content-Length"] = "19"
    with pytest.raises(InvalidSignature):
        verify_message(message, label="sig-b26", key=public)


def test_the_content_digest_is_rfc_9530s() -> None:
    """RFC 9530, B.1: {"hello": "world"} and its sha-256 and sha-512 digests."""
    body = b'{"hello": "world"}\n'[:-1]
    assert content_digest(body) == "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"
    assert digest_matches(_test_request().headers["Content-Digest"], body)
    assert not digest_matches(_test_request().headers["Content-Digest"], body + b" ")
    assert not digest_matches("md5=:AAAA:", body)
