"""HTTP Message Signatures (RFC 9421) with Ed25519 and Content-Digest (RFC 9530, sha-256).

The signature base, the `Signature-Input` and `Signature` fields, signing, verification and
the Content-Digest field are the `http-message-signatures` library's (`HTTPMessageSigner`,
`HTTPMessageVerifier`, `algorithms.ED25519`, `ContentDigest`); its structured fields are
`http-sf`'s. This module only says what Juntos signs and checks, and adapts its messages: the
library reads a request's `method`, `url` and `headers`, a response's `status_code`,
`headers` and `request` (the shape of `requests`' objects), which `RequestMessage` and
`ResponseMessage` have; views and services copy Django's requests and responses into them.
A test reproduces the RFC's Ed25519 example (B.2.6) byte for byte through the library.

`verify` refuses in this order: no signature, a digest that does not match the body, a
signature input that does not cover what Juntos requires, a key no approved peer holds, a
signature that does not verify, a `created` more than five minutes away from now. The last
check stays here: the library compares `created` with its own wall clock, with five seconds'
leeway, and before it has checked the signature, whereas Juntos takes `now` from the caller,
allows five minutes, and only reports the time of a signature that is genuine. The replay
check (a nonce already seen) is the caller's, because it needs the database.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from http_message_signatures import (
    ContentDigest,
    HTTPMessageSignaturesException,
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    InvalidSignature,
    algorithms,
)
from http_sf.compat import InnerList

from juntos.federation.choices import Rejection

MAX_SKEW = dt.timedelta(minutes=5)
LABEL = "juntos"
ALGORITHM = algorithms.ED25519.algorithm_id
# A response is bound to the request it answers (its path and query), so one page cannot
# stand in for another; a request covers where it goes and what it carries.
RESPONSE_COMPONENTS = ("@status", "content-type", "content-digest", '"@path";req', '"@query";req')
REQUEST_COMPONENTS = ("@method", "@authority", "@path", "content-type", "content-digest")
FEED_TAG = "juntos-feed"
INBOX_TAG = "juntos-inbox"


@dataclass
class RequestMessage:
    """A request as the library reads it: method, absolute URL, headers."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class ResponseMessage:
    """A response as the library reads it: status, headers, the request it answers."""

    status_code: int
    headers: dict[str, str]
    request: RequestMessage


@dataclass(frozen=True)
class Verified:
    key_id: str
    created: dt.datetime
    nonce: str


class Refused(Exception):
    """A signed message was refused; `reason` is a Rejection value, safe to log."""

    def __init__(self, reason: Rejection) -> None:
        super().__init__(reason.value)
        self.reason = reason


class _Keys(HTTPSignatureKeyResolver):
    """One private key to sign with, or a lookup of the peers' pinned public keys."""

    def __init__(
        self,
        *,
        private: Ed25519PrivateKey | None = None,
        public: Callable[[str], Ed25519PublicKey | None] = lambda _key_id: None,
    ) -> None:
        self.private, self.public = private, public
        self.unknown = False  # set when a signature names a key no one pinned

    def resolve_private_key(self, key_id: str) -> Ed25519PrivateKey:
        if self.private is None:
            raise KeyError(key_id)
        return self.private

    def resolve_public_key(self, key_id: str) -> Ed25519PublicKey | None:
        key = self.public(key_id)
        self.unknown = key is None
        return key


class _Verifier(HTTPMessageVerifier):
    """The library's verifier, leaving the time of the signature to `verify` (see above)."""

    def validate_created_and_expires(self, sig_input: InnerList, max_age: object = None) -> None:
        created = sig_input.params.get("created")
        if type(created) is not int:
            raise InvalidSignature('Signature is missing a required "created" parameter')
        if "expires" in sig_input.params:
            raise InvalidSignature('Juntos does not sign with "expires"')


# --- Content-Digest (RFC 9530) -----------------------------------------------------------


def content_digest(body: bytes) -> str:
    """The sha-256 Content-Digest of a body."""
    return ContentDigest.create(body)


def digest_matches(header: str, body: bytes) -> bool:
    """True when the header holds sha-256 or sha-512 digests and every one matches."""
    try:
        ContentDigest.verify(header, body)
    except HTTPMessageSignaturesException:
        return False
    return True


# --- Signing and checking one signature ----------------------------------------------------


def sign_message(
    message: RequestMessage | ResponseMessage,
    *,
    key: Ed25519PrivateKey,
    key_id: str,
    label: str,
    components: Sequence[str],
    created: dt.datetime,
    nonce: str | None = None,
    tag: str | None = None,
    include_alg: bool = True,
    body: bytes | None = None,
) -> bytes:
    """Sign the message: add `Signature-Input` and `Signature` (and Content-Digest from
    `body`, when given); returns the signature base."""
    keys = _Keys(private=key)
    signer = HTTPMessageSigner(signature_algorithm=algorithms.ED25519, key_resolver=keys)
    has_digest = any(name.lower() == "content-digest" for name in message.headers)
    prepared = signer.prepare(
        message,
        key_id=key_id,
        created=created,
        nonce=nonce,
        label=label,
        tag=tag,
        include_alg=include_alg,
        covered_component_ids=components,
        body=body,
        use_existing_digest=body is None and has_digest,
    )
    signer.apply(message, prepared, key.sign(prepared.signature_base))
    return prepared.signature_base


def verify_message(
    message: RequestMessage | ResponseMessage, *, label: str, key: Ed25519PublicKey
) -> dict[str, int | str]:
    """Check the signature `label` with `key`, whenever it was made; its parameters, or
    the library's InvalidSignature."""
    verifier = HTTPMessageVerifier(
        signature_algorithm=algorithms.ED25519, key_resolver=_Keys(public=lambda _kid: key)
    )
    for result in verifier.verify(message, max_age=None):
        if result.label == label:
            return result.parameters
    raise InvalidSignature(f'No signature labelled "{label}"')


# --- What Juntos signs and checks ----------------------------------------------------------


def sign(
    message: RequestMessage | ResponseMessage,
    *,
    body: bytes,
    key_id: str,
    key: Ed25519PrivateKey,
    tag: str,
    created: dt.datetime | None = None,
    nonce: str | None = None,
) -> None:
    """Add Content-Digest, Signature-Input and Signature to the message's headers."""
    for name in [k for k in message.headers if k.lower() == "content-digest"]:
        del message.headers[name]
    response = isinstance(message, ResponseMessage)
    sign_message(
        message,
        key=key,
        key_id=key_id,
        label=LABEL,
        components=RESPONSE_COMPONENTS if response else REQUEST_COMPONENTS,
        created=created or dt.datetime.now(dt.UTC),
        nonce=nonce or secrets.token_urlsafe(16),
        tag=tag,
        body=body,
    )


def verify(
    message: RequestMessage | ResponseMessage,
    *,
    body: bytes,
    tag: str,
    public_key: Callable[[str], Ed25519PublicKey | None],
    now: dt.datetime,
) -> Verified:
    """Check a signed message; raises Refused with the first reason that applies."""
    headers = {k.lower(): v for k, v in message.headers.items()}
    if not headers.get("signature-input") or not headers.get("signature"):
        raise Refused(Rejection.UNSIGNED)
    if not digest_matches(headers.get("content-digest", ""), body):
        raise Refused(Rejection.BAD_DIGEST)
    keys = _Keys(public=public_key)
    verifier = _Verifier(signature_algorithm=algorithms.ED25519, key_resolver=keys)
    required = RESPONSE_COMPONENTS if isinstance(message, ResponseMessage) else REQUEST_COMPONENTS
    try:
        results = verifier.verify(
            message,
            max_age=None,
            expect_tag=tag,
            expect_label=LABEL,
            require_components=required,
            body=body,
        )
    except HTTPMessageSignaturesException as exc:
        raise Refused(Rejection.UNKNOWN_KEY if keys.unknown else Rejection.BAD_SIGNATURE) from exc
    (result,) = results
    params = result.parameters
    if not isinstance(result.nonce, str) or not result.nonce:
        raise Refused(Rejection.BAD_SIGNATURE)
    created = params["created"]
    assert isinstance(created, int)
    try:
        signed_at = dt.datetime.fromtimestamp(created, dt.UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise Refused(Rejection.CLOCK_SKEW) from exc
    if abs(now - signed_at) > MAX_SKEW:
        raise Refused(Rejection.CLOCK_SKEW)
    return Verified(key_id=str(params["keyid"]), created=signed_at, nonce=result.nonce)


def public_key_of(text: str) -> Ed25519PublicKey | None:
    """A pinned key as an administrator pasted it (base64 of 32 raw bytes), or None."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw) if len(raw) == 32 else None
    except ValueError:
        return None
