"""HTTP Message Signatures (RFC 9421) with Ed25519 and Content-Digest (RFC 9530, sha-256).

Written here rather than taken from the `http-message-signatures` package, which is not in
the project's environment: only what Juntos signs is implemented (the derived components
`@method`, `@authority`, `@path`, `@query` and `@status`, header fields, the `req` parameter
of a response's components, and the structured-field dictionaries of RFC 8941 that carry
`Signature-Input` and `Signature`). A test reproduces the RFC's Ed25519 example (B.2.6) byte
for byte.

`verify` refuses in this order: no signature, a digest that does not match the body, a
signature input that does not cover what Juntos requires, a key no approved peer holds, a
signature that does not verify, a `created` more than five minutes away from now. The replay
check (a nonce already seen) is the caller's, because it needs the database.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from juntos.federation.choices import Rejection

MAX_SKEW = dt.timedelta(minutes=5)
LABEL = "juntos"
ALGORITHM = "ed25519"
# A response is bound to the request it answers (its path and query), so one page cannot
# stand in for another; a request covers where it goes and what it carries.
RESPONSE_COMPONENTS = ("@status", "content-type", "content-digest", '"@path";req', '"@query";req')
REQUEST_COMPONENTS = ("@method", "@authority", "@path", "content-type", "content-digest")
FEED_TAG = "juntos-feed"
INBOX_TAG = "juntos-inbox"

Param = int | str | bool


@dataclass
class RequestMessage:
    """A request as the signature sees it: method, absolute URL, headers."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class ResponseMessage:
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


class _Malformed(ValueError):
    """A structured field or component this module cannot read."""


# --- Structured fields (RFC 8941), the part signatures use -------------------------------

_KEY = re.compile(r"[a-z*][a-z0-9_\-.*]*")
_TOKEN = re.compile(r"[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]*")
_INTEGER = re.compile(r"-?[0-9]{1,15}")


class _Reader:
    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise _Malformed(self.text)
        self.at += 1

    def spaces(self, also_tabs: bool = False) -> None:
        while self.peek() == " " or (also_tabs and self.peek() == "\t"):
            self.at += 1

    def match(self, pattern: re.Pattern[str]) -> str:
        found = pattern.match(self.text, self.at)
        if not found:
            raise _Malformed(self.text)
        self.at = found.end()
        return found.group()

    def bare_item(self) -> Param | bytes:
        char = self.peek()
        if char == '"':
            self.at += 1
            out = []
            while True:
                char = self.peek()
                if not char:
                    raise _Malformed(self.text)
                self.at += 1
                if char == "\\":
                    escaped = self.peek()
                    if escaped not in {'"', "\\"}:
                        raise _Malformed(self.text)
                    out.append(escaped)
                    self.at += 1
                elif char == '"':
                    return "".join(out)
                elif not (" " <= char <= "~"):
                    raise _Malformed(self.text)
                else:
                    out.append(char)
        if char == ":":
            self.at += 1
            end = self.text.find(":", self.at)
            if end < 0:
                raise _Malformed(self.text)
            chunk, self.at = self.text[self.at : end], end + 1
            try:
                return base64.b64decode(chunk, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise _Malformed(self.text) from exc
        if char == "?":
            self.at += 1
            flag = self.peek()
            if flag not in {"0", "1"}:
                raise _Malformed(self.text)
            self.at += 1
            return flag == "1"
        if char == "-" or char.isdigit():
            number = self.match(_INTEGER)
            if self.peek() == ".":
                raise _Malformed(self.text)  # decimals are never used by signatures
            return int(number)
        return self.match(_TOKEN)

    def parameters(self) -> list[tuple[str, Param]]:
        params: list[tuple[str, Param]] = []
        while self.peek() == ";":
            self.at += 1
            self.spaces()
            key = self.match(_KEY)
            value: Param | bytes = True
            if self.peek() == "=":
                self.at += 1
                value = self.bare_item()
            if isinstance(value, bytes):
                raise _Malformed(self.text)
            params = [(k, v) for k, v in params if k != key] + [(key, value)]
        return params

    def member(self) -> tuple[object, list[tuple[str, Param]]]:
        if self.peek() == "(":
            self.at += 1
            items: list[tuple[Param | bytes, list[tuple[str, Param]]]] = []
            while True:
                self.spaces()
                if self.peek() == ")":
                    self.at += 1
                    return items, self.parameters()
                item = self.bare_item()
                items.append((item, self.parameters()))
                if self.peek() not in {" ", ")"}:
                    raise _Malformed(self.text)
        item = self.bare_item()
        return item, self.parameters()


def parse_dictionary(text: str) -> dict[str, tuple[object, list[tuple[str, Param]]]]:
    """An RFC 8941 dictionary: member name -> (value, parameters)."""
    reader = _Reader(text.strip(" \t"))
    members: dict[str, tuple[object, list[tuple[str, Param]]]] = {}
    while reader.peek():
        key = reader.match(_KEY)
        if reader.peek() == "=":
            reader.at += 1
            members[key] = reader.member()
        else:
            members[key] = (True, reader.parameters())
        reader.spaces(also_tabs=True)
        if not reader.peek():
            break
        reader.take(",")
        reader.spaces(also_tabs=True)
        if not reader.peek():
            raise _Malformed(text)
    return members


def _serialise_bare(value: Param | bytes) -> str:
    if isinstance(value, bool):
        return "?1" if value else "?0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, bytes):
        return f":{base64.b64encode(value).decode()}:"
    if not all(" " <= c <= "~" for c in value):
        raise _Malformed(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _serialise_params(params: list[tuple[str, Param]]) -> str:
    return "".join(
        f";{key}" if value is True else f";{key}={_serialise_bare(value)}" for key, value in params
    )


# --- Components and the signature base (RFC 9421, section 2) -----------------------------


@dataclass(frozen=True)
class Component:
    name: str  # "@path" or a header name, lower case
    params: tuple[tuple[str, Param], ...] = ()

    @classmethod
    def of(cls, identifier: str) -> Component:
        """From `@status`, `content-type` or `"@path";req` (quotes optional)."""
        text = identifier if identifier.startswith('"') else f'"{identifier}"'
        reader = _Reader(text)
        name = reader.bare_item()
        params = reader.parameters()
        if not isinstance(name, str) or reader.peek():
            raise _Malformed(identifier)
        return cls(name.lower(), tuple(params))

    def serialised(self) -> str:
        return _serialise_bare(self.name) + _serialise_params(list(self.params))


def _header(headers: Mapping[str, str], name: str) -> str:
    values = [v for k, v in headers.items() if k.lower() == name]
    if not values:
        raise _Malformed(name)
    return ", ".join(" ".join(v.strip().split()) if "\n" in v else v.strip() for v in values)


def _authority(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return host if parts.port in (None, default) else f"{host}:{parts.port}"


def _request_value(request: RequestMessage, name: str) -> str:
    parts = urlsplit(request.url)
    match name:
        case "@method":
            return request.method.upper()
        case "@authority":
            return _authority(request.url)
        case "@scheme":
            return parts.scheme.lower()
        case "@target-uri":
            return request.url
        case "@path":
            return parts.path or "/"
        case "@query":
            return f"?{parts.query}"
        case _ if name.startswith("@"):
            raise _Malformed(name)
        case _:
            return _header(request.headers, name)


def _value(message: RequestMessage | ResponseMessage, component: Component) -> str:
    flags = {key for key, _value in component.params}
    if flags - {"req"}:
        raise _Malformed(component.name)  # sf, bs, key, name: not used by Juntos
    if isinstance(message, ResponseMessage):
        if "req" in flags:
            return _request_value(message.request, component.name)
        if component.name == "@status":
            return str(message.status_code)
        if component.name.startswith("@"):
            raise _Malformed(component.name)
        return _header(message.headers, component.name)
    if "req" in flags or component.name == "@status":
        raise _Malformed(component.name)
    return _request_value(message, component.name)


def signature_params(components: list[Component], params: list[tuple[str, Param]]) -> str:
    inner = " ".join(c.serialised() for c in components)
    return f"({inner}){_serialise_params(params)}"


def signature_base(
    message: RequestMessage | ResponseMessage,
    components: list[Component],
    params: list[tuple[str, Param]],
) -> bytes:
    """The signature base of RFC 9421, 2.5: one line per component, then the parameters."""
    if len(set(components)) != len(components):
        raise _Malformed("a component is listed twice")
    lines = [f"{c.serialised()}: {_value(message, c)}" for c in components]
    lines.append(f'"@signature-params": {signature_params(components, params)}')
    text = "\n".join(lines)
    if any(ord(c) > 0x7E or (ord(c) < 0x20 and c != "\n") for c in text):
        raise _Malformed("a value outside printable ASCII")
    return text.encode("ascii")


def sign_message(
    message: RequestMessage | ResponseMessage,
    *,
    key: Ed25519PrivateKey,
    label: str,
    components: tuple[str, ...],
    params: list[tuple[str, Param]],
) -> bytes:
    """Sign the message as given: add `Signature-Input` and `Signature`; returns the base."""
    parsed = [Component.of(c) for c in components]
    base = signature_base(message, parsed, params)
    signature = key.sign(base)
    message.headers["Signature-Input"] = f"{label}={signature_params(parsed, params)}"
    message.headers["Signature"] = f"{label}={_serialise_bare(signature)}"
    return base


# --- Content-Digest (RFC 9530) -----------------------------------------------------------

_DIGESTS = {"sha-256": hashlib.sha256, "sha-512": hashlib.sha512}


def content_digest(body: bytes) -> str:
    return f"sha-256={_serialise_bare(hashlib.sha256(body).digest())}"


def digest_matches(header: str, body: bytes) -> bool:
    """True when the header has at least one digest Juntos knows and every one matches."""
    try:
        members = parse_dictionary(header)
    except _Malformed:
        return False
    known = [(name, value) for name, (value, _p) in members.items() if name in _DIGESTS]
    return bool(known) and all(
        isinstance(value, bytes) and secrets.compare_digest(value, _DIGESTS[name](body).digest())
        for name, value in known
    )


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
    message.headers["Content-Digest"] = content_digest(body)
    components = RESPONSE_COMPONENTS if isinstance(message, ResponseMessage) else REQUEST_COMPONENTS
    params: list[tuple[str, Param]] = [
        ("created", int((created or dt.datetime.now(dt.UTC)).timestamp())),
        ("keyid", key_id),
        ("alg", ALGORITHM),
        ("nonce", nonce or secrets.token_urlsafe(16)),
        ("tag", tag),
    ]
    sign_message(message, key=key, label=LABEL, components=components, params=params)


def verify_message(
    message: RequestMessage | ResponseMessage, *, label: str, key: Ed25519PublicKey
) -> dict[str, Param]:
    """Check the signature `label` with `key`; its parameters, or InvalidSignature."""
    components, params = _signature_input(message, label)
    signature = _signature(message, label)
    try:
        base = signature_base(message, components, params)
    except _Malformed as exc:
        raise InvalidSignature from exc
    key.verify(signature, base)
    return dict(params)


def _signature_input(
    message: RequestMessage | ResponseMessage, label: str
) -> tuple[list[Component], list[tuple[str, Param]]]:
    try:
        members = parse_dictionary(_header(message.headers, "signature-input"))
        value, params = members[label]
        if not isinstance(value, list):
            raise _Malformed(label)
        components = []
        for item, item_params in value:
            if not isinstance(item, str):
                raise _Malformed(label)
            components.append(Component(item.lower(), tuple(item_params)))
    except (_Malformed, KeyError) as exc:
        raise InvalidSignature from exc
    return components, params


def _signature(message: RequestMessage | ResponseMessage, label: str) -> bytes:
    try:
        members = parse_dictionary(_header(message.headers, "signature"))
        value, _params = members[label]
    except (_Malformed, KeyError) as exc:
        raise InvalidSignature from exc
    if not isinstance(value, bytes):
        raise InvalidSignature
    return value


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
    try:
        components, listed = _signature_input(message, LABEL)
    except InvalidSignature as exc:
        raise Refused(Rejection.BAD_SIGNATURE) from exc
    required = RESPONSE_COMPONENTS if isinstance(message, ResponseMessage) else REQUEST_COMPONENTS
    params = dict(listed)
    if (
        not {Component.of(c) for c in required} <= set(components)
        or params.get("tag") != tag
        or params.get("alg", ALGORITHM) != ALGORITHM
        or not isinstance(params.get("keyid"), str)
        or not isinstance(params.get("created"), int)
        or isinstance(params.get("created"), bool)
        or not isinstance(params.get("nonce"), str)
        or not params.get("nonce")
    ):
        raise Refused(Rejection.BAD_SIGNATURE)
    key_id = str(params["keyid"])
    key = public_key(key_id)
    if key is None:
        raise Refused(Rejection.UNKNOWN_KEY)
    try:
        verify_message(message, label=LABEL, key=key)
    except InvalidSignature as exc:
        raise Refused(Rejection.BAD_SIGNATURE) from exc
    created = params["created"]
    assert isinstance(created, int)
    try:
        signed_at = dt.datetime.fromtimestamp(created, dt.UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise Refused(Rejection.CLOCK_SKEW) from exc
    if abs(now - signed_at) > MAX_SKEW:
        raise Refused(Rejection.CLOCK_SKEW)
    return Verified(key_id=key_id, created=signed_at, nonce=str(params["nonce"]))


def public_key_of(text: str) -> Ed25519PublicKey | None:
    """A pinned key as an administrator pasted it (base64 of 32 raw bytes), or None."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw) if len(raw) == 32 else None
    except ValueError:
        return None
