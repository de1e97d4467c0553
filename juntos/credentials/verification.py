"""Checking a credential: its signature, its dates and its status, with a reason for each "no".

Pure of the database: keys and status lists come from a `Sources` (the site's own tables
online, cached files offline), so the page, the API and `credential_verify --offline` give the
same answer for the same inputs. Any input at all gives an outcome, never an exception.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from joserfc import jwt
from joserfc.errors import JoseError

from juntos.credentials.signing import public_key
from juntos.credentials.statuslist import bit_is_set, decode_bits

MAX_TOKEN_BYTES = 64 * 1024

VALID, REVOKED, SUSPENDED, EXPIRED, NOT_VALID = (
    "valid", "revoked", "suspended", "expired", "not-valid",
)  # fmt: skip

OUTCOME_LABELS: dict[str, Promise] = {
    VALID: _("Valid"),
    REVOKED: _("Revoked"),
    SUSPENDED: _("Suspended"),
    EXPIRED: _("Expired"),
    NOT_VALID: _("Not valid"),
}

TOO_LARGE = _("The file is too large to be a credential.")
NOT_A_TOKEN = _("This is not a signed credential (a VC-JWT).")
UNSIGNED_JSON = _("This JSON carries no signature that can be checked.")
WRONG_ALGORITHM = _("It is not signed with RS256.")
UNKNOWN_KEY = _("It was not signed by a key of this issuer.")
BAD_SIGNATURE = _("Its signature does not match its content: it was changed or damaged.")
NOT_A_BADGE = _("It is signed, but it is not an Open Badges credential.")
NOT_YET = _("It is not valid before %(date)s.")
EXPIRED_ON = _("It expired on %(date)s.")
NO_STATUS = _("Its revocation status could not be checked.")
REVOKED_REASON = _("The issuer revoked it.")
SUSPENDED_REASON = _("The issuer suspended it for now.")


class Sources(Protocol):
    """Where keys and status lists come from, and how old they are."""

    def key(self, kid: str) -> Mapping[str, object] | None: ...

    def status_bit(self, list_url: str, index: int) -> bool | None: ...

    def suspension_url(self, revocation_url: str) -> str | None: ...


@dataclass
class Outcome:
    state: str
    reason: str | Promise = ""
    reason_values: dict[str, str] = field(default_factory=dict)
    credential: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str | Promise:
        return OUTCOME_LABELS[self.state]

    @property
    def reason_text(self) -> str:
        return str(self.reason) % self.reason_values if self.reason_values else str(self.reason)

    @property
    def achievement_id(self) -> str:
        subject = self.credential.get("credentialSubject") or {}
        achievement = subject.get("achievement") if isinstance(subject, dict) else None
        value = achievement.get("id") if isinstance(achievement, dict) else None
        return value if isinstance(value, str) else ""


def extract_token(raw: bytes | str) -> str | Outcome:
    """The compact JWT in what was pasted or uploaded (bare, a JSON string, or enveloped)."""
    if len(raw) > MAX_TOKEN_BYTES:
        return Outcome(NOT_VALID, TOO_LARGE)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        return Outcome(NOT_VALID, NOT_A_TOKEN)
    text = text.strip().strip("\ufeff")
    if text.startswith(("{", '"')):
        try:
            parsed = json.loads(text)
        except ValueError:
            return Outcome(NOT_VALID, NOT_A_TOKEN)
        if isinstance(parsed, str):
            text = parsed.strip()
        elif isinstance(parsed, dict) and isinstance(parsed.get("id"), str):
            # VC 2.0 EnvelopedVerifiableCredential: id is data:application/vc+jwt,<token>
            prefix, _sep, token = parsed["id"].partition(",")
            if not prefix.startswith("data:application/vc+jwt"):
                return Outcome(NOT_VALID, UNSIGNED_JSON)
            text = token.strip()
        else:
            return Outcome(NOT_VALID, UNSIGNED_JSON)
    if text.count(".") != 2 or any(not part for part in text.split(".")):
        return Outcome(NOT_VALID, NOT_A_TOKEN)
    return text


def _header(token: str) -> dict[str, Any] | None:
    part = token.split(".", 1)[0]
    try:
        header = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (ValueError, binascii.Error):
        return None
    return header if isinstance(header, dict) else None


def _when(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def _is_badge(claims: dict[str, Any]) -> bool:
    types = claims.get("type")
    subject = claims.get("credentialSubject")
    return (
        isinstance(types, list)
        and "VerifiableCredential" in types
        and ("OpenBadgeCredential" in types or "AchievementCredential" in types)
        and isinstance(subject, dict)
        and isinstance(subject.get("achievement"), dict)
        and _when(claims.get("validFrom")) is not None
    )


def verify_token(raw: bytes | str, sources: Sources, now: dt.datetime) -> Outcome:
    """The outcome for whatever was given: valid, revoked, suspended, expired or not valid."""
    token = extract_token(raw)
    if isinstance(token, Outcome):
        return token
    header = _header(token)
    if header is None:
        return Outcome(NOT_VALID, NOT_A_TOKEN)
    if header.get("alg") != "RS256":
        return Outcome(NOT_VALID, WRONG_ALGORITHM)
    kid = header.get("kid")
    jwk = sources.key(kid) if isinstance(kid, str) else None
    if jwk is None:
        return Outcome(NOT_VALID, UNKNOWN_KEY)
    try:
        claims = jwt.decode(token, public_key(dict(jwk)), algorithms=["RS256"]).claims
    except (JoseError, ValueError, TypeError, binascii.Error):
        return Outcome(NOT_VALID, BAD_SIGNATURE)
    if not isinstance(claims, dict) or not _is_badge(claims):
        return Outcome(NOT_VALID, NOT_A_BADGE)
    return _dates_and_status(claims, sources, now)


def _dates_and_status(claims: dict[str, Any], sources: Sources, now: dt.datetime) -> Outcome:
    valid_from = _when(claims["validFrom"])
    assert valid_from is not None  # _is_badge checked it
    if valid_from > now + dt.timedelta(minutes=5):
        return Outcome(NOT_VALID, NOT_YET, {"date": valid_from.date().isoformat()}, claims)
    until = _when(claims.get("validUntil"))
    if "validUntil" in claims and until is None:
        return Outcome(NOT_VALID, NOT_A_BADGE)
    if until is not None and until < now:
        return Outcome(EXPIRED, EXPIRED_ON, {"date": until.date().isoformat()}, claims)
    entries = _status_entries(claims.get("credentialStatus"))
    if entries is None:
        return Outcome(NOT_VALID, NO_STATUS, credential=claims)
    revocation = [(url, i) for purpose, url, i in entries if purpose == "revocation"]
    suspension = [(url, i) for purpose, url, i in entries if purpose == "suspension"]
    revoked = [_bit(sources, url, index) for url, index in revocation]
    if None in revoked:
        return Outcome(NOT_VALID, NO_STATUS, credential=claims)
    if any(revoked):
        return Outcome(REVOKED, REVOKED_REASON, credential=claims)
    if suspension:
        suspended = [_bit(sources, url, index) for url, index in suspension]
        if None in suspended:
            return Outcome(NOT_VALID, NO_STATUS, credential=claims)
    else:  # OB 3.0 carries one entry: this issuer's suspension list shares its number and index
        suspended = [
            _bit(sources, found, index)
            for url, index in revocation
            if (found := sources.suspension_url(url)) is not None
        ]
    if any(suspended):
        return Outcome(SUSPENDED, SUSPENDED_REASON, credential=claims)
    return Outcome(VALID, credential=claims)


STATUS_PURPOSES = ("revocation", "suspension")


def _status_entries(status: object) -> list[tuple[str, str, int]] | None:
    """(purpose, list URL, index) of each BitstringStatusListEntry; None if none can be read.

    VC 2.0 allows one entry or a list (one per purpose, as the Bitstring Status List spec's
    example has); OB 3.0's schema allows one, so this site issues the revocation entry only.
    An entry for another purpose (message, refresh) is left aside; a malformed one is an error.
    """
    items = status if isinstance(status, list) else [status]
    found = []
    for item in items[:8]:
        if not isinstance(item, dict):
            return None
        purpose = item.get("statusPurpose", "revocation")
        url, index = item.get("statusListCredential"), item.get("statusListIndex")
        if not isinstance(url, str) or not isinstance(index, str) or not index.isdigit():
            return None
        if purpose in STATUS_PURPOSES:
            found.append((str(purpose), url, int(index)))
    return found if any(purpose == "revocation" for purpose, _u, _i in found) else None


def _bit(sources: Sources, list_url: str, index: int) -> bool | None:
    return sources.status_bit(list_url, index)


def bit_of(bits: bytes | None, index: int) -> bool | None:
    """The bit at the index, or None when there is no list or the index lies outside it."""
    if bits is None:
        return None
    try:
        return bit_is_set(bits, index)
    except ValueError:
        return None


def status_bits_from_document(document: Mapping[str, Any]) -> bytes | None:
    """The bitstring of a BitstringStatusListCredential's claims, or None if malformed."""
    subject = document.get("credentialSubject")
    encoded = subject.get("encodedList") if isinstance(subject, dict) else None
    if not isinstance(encoded, str):
        return None
    try:
        return decode_bits(encoded)
    except (ValueError, OSError, EOFError, binascii.Error):
        return None
