"""The CSRF token a page writes into its forms: Django's token, drawn in one call to the OS.

Every page writes one (the language switcher in the header is a form). Django's `get_token`
draws each of the mask's 32 characters with its own call to the OS, which made it the largest
single cost of the site's frame (62 µs of a page's 0.9 ms). `masked_token` does what
`get_token` does, in the same format: the request's secret (a new one if it has none, and the
cookie is then set by Django's middleware), masked with 32 characters drawn uniformly from the
same 62. Django's middleware unmasks and checks it as its own (tested both ways).
"""

from __future__ import annotations

import secrets

from django.http import HttpRequest
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
from django.utils.functional import SimpleLazyObject

_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
_BASE = len(CSRF_ALLOWED_CHARS)
# Random bytes at or above this are dropped, so that each of the 62 characters is as likely.
_BELOW = 256 - 256 % _BASE


def random_characters(count: int) -> str:
    """`count` characters of CSRF_ALLOWED_CHARS, each drawn uniformly and independently."""
    drawn: list[str] = []
    while len(drawn) < count:
        drawn += [
            CSRF_ALLOWED_CHARS[b % _BASE] for b in secrets.token_bytes(count + 8) if b < _BELOW
        ]
    return "".join(drawn[:count])


def masked_token(request: HttpRequest) -> str:
    """As `django.middleware.csrf.get_token`: a newly masked token for the request's secret."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = request.META["CSRF_COOKIE"] = random_characters(CSRF_SECRET_LENGTH)
    elif len(secret) != CSRF_SECRET_LENGTH or not set(secret) <= _INDEX.keys():
        return get_token(request)  # not a secret Django's middleware made: Django decides
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = random_characters(CSRF_SECRET_LENGTH)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_INDEX[s] + _INDEX[m]) % _BASE]
        for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher


def csrf(request: HttpRequest) -> dict[str, SimpleLazyObject]:
    """Context processor: `csrf_token` for `{% csrf_token %}`, made only if a page writes it
    (listed after Django's own, which every RequestContext runs first, so this one is used)."""
    return {"csrf_token": SimpleLazyObject(lambda: masked_token(request))}
