"""The token in a notice's Reply-To address: which comment an answer by email goes under, and
which member may write it, until when.

It is Django's salted HMAC of those three numbers under SECRET_KEY (`SECRET_KEY_FALLBACKS`
still verify). It is not `signing.Signer`'s format because it lives in an address's local part:
at most 64 characters, and mail servers may fold it to lower case (Postfix's `pipe` with the
`u` flag does), so it is lower-case base36 numbers and a base32 tag:
`<comment>-<member>-<day>-<tag>`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hmac
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

SALT = "juntos.network.reply-by-email"
VALID_DAYS = 30
LOCAL_PREFIX = "reply+"
_TAG_CHARS = 26  # 130 bits of the HMAC-SHA256
_TOKEN = re.compile(r"^([0-9a-z]{1,13})-([0-9a-z]{1,13})-([0-9a-z]{1,6})-([a-z2-7]{26})$")
_EPOCH = dt.date(2000, 1, 1)


class ReplyTokenError(Exception):
    """The token was altered, made with another key, or is past its day."""


@dataclass(frozen=True)
class ReplyTicket:
    """What a valid token names: the comment answered and the member answering."""

    comment_id: int
    member_id: int


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def _tag(value: str, secret: str | bytes) -> str:
    digest = salted_hmac(SALT, value, secret=secret, algorithm="sha256").digest()
    return base64.b32encode(digest).decode().lower()[:_TAG_CHARS]


def reply_token_make(*, comment_id: int, member_id: int, today: dt.date | None = None) -> str:
    """A token for this member to answer this comment by email for VALID_DAYS days."""
    until = (today or timezone.localdate()) + dt.timedelta(days=VALID_DAYS)
    value = "-".join(_base36(n) for n in (comment_id, member_id, (until - _EPOCH).days))
    return f"{value}-{_tag(value, settings.SECRET_KEY)}"


def reply_token_read(token: str, *, today: dt.date | None = None) -> ReplyTicket:
    """What a token names, or ReplyTokenError if it was altered or its days are over."""
    found = _TOKEN.match(token.strip().lower())
    if found is None:
        raise ReplyTokenError("malformed")
    comment, member, day, tag = found.groups()
    value = f"{comment}-{member}-{day}"
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    if not any(hmac.compare_digest(tag, _tag(value, secret)) for secret in secrets):
        raise ReplyTokenError("bad signature")
    if _EPOCH + dt.timedelta(days=int(day, 36)) < (today or timezone.localdate()):
        raise ReplyTokenError("expired")
    return ReplyTicket(comment_id=int(comment, 36), member_id=int(member, 36))


def reply_address(token: str) -> str:
    """The Reply-To address carrying the token, or "" when answers by email are off."""
    domain = settings.JUNTOS_REPLY_DOMAIN
    return f"{LOCAL_PREFIX}{token}@{domain}" if domain else ""


def token_in_address(address: str) -> str | None:
    """The token of a reply+<token>@JUNTOS_REPLY_DOMAIN address, else None."""
    local, _, domain = address.strip().strip("<>").rpartition("@")
    domain_wanted = settings.JUNTOS_REPLY_DOMAIN
    if not domain_wanted or domain.lower() != domain_wanted:
        return None
    if not local.lower().startswith(LOCAL_PREFIX):
        return None
    return local[len(LOCAL_PREFIX) :].lower()
