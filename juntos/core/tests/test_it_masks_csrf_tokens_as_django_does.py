"""The page's CSRF token (juntos/core/csrf.py) is Django's: Django unmasks it to the request's
secret, its middleware accepts it, and each mask is new and drawn uniformly. The pages' own
tests (the frame's, the match page's) post the tokens the pages write, with CSRF checks on."""

from __future__ import annotations

from collections import Counter

import pytest
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import (  # type: ignore[attr-defined]  # Django's own checks
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CsrfViewMiddleware,
    _check_token_format,
    _unmask_cipher_token,
    get_token,
)
from django.test import RequestFactory

from juntos.core.csrf import masked_token, random_characters


def _with_secret(secret: str | None) -> HttpRequest:
    request = RequestFactory().get("/")
    if secret is not None:
        request.META["CSRF_COOKIE"] = secret
    return request


def test_the_token_unmasks_to_the_request_s_secret_with_a_new_mask_each_time() -> None:
    secret = random_characters(CSRF_SECRET_LENGTH)
    request = _with_secret(secret)
    tokens = [masked_token(request) for _ in range(50)]
    for token in tokens:
        _check_token_format(token)  # raises if Django would refuse its format
        assert len(token) == 2 * CSRF_SECRET_LENGTH
        assert _unmask_cipher_token(token) == secret
    assert len(set(tokens)) == 50
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_a_request_without_a_secret_gets_one_as_get_token_gives_it() -> None:
    mine, django_s = _with_secret(None), _with_secret(None)
    token = masked_token(mine)
    get_token(django_s)
    assert mine.META.keys() >= {"CSRF_COOKIE", "CSRF_COOKIE_NEEDS_UPDATE"}
    assert len(mine.META["CSRF_COOKIE"]) == len(django_s.META["CSRF_COOKIE"])
    assert _unmask_cipher_token(token) == mine.META["CSRF_COOKIE"]


def test_a_secret_django_did_not_make_is_left_to_django() -> None:
    with pytest.raises(ValueError):  # a character no secret has
        get_token(_with_secret("not a secret"))
    with pytest.raises(ValueError):
        masked_token(_with_secret("not a secret"))
    longer = "a" * (CSRF_SECRET_LENGTH + 1)
    expected = _unmask_cipher_token(get_token(_with_secret(longer)))
    assert _unmask_cipher_token(masked_token(_with_secret(longer))) == expected


def test_the_middleware_accepts_the_token_and_refuses_another() -> None:
    def post(token: str, secret: str) -> int:
        request = RequestFactory().post("/", {"csrfmiddlewaretoken": token})
        request.COOKIES["csrftoken"] = secret
        middleware = CsrfViewMiddleware(lambda r: HttpResponse())
        middleware.process_request(request)
        refused = middleware.process_view(request, lambda r: HttpResponse(), (), {})
        return 403 if refused is not None else 200

    secret = random_characters(CSRF_SECRET_LENGTH)
    token = masked_token(_with_secret(secret))
    assert post(token, secret) == 200
    assert post(token, random_characters(CSRF_SECRET_LENGTH)) == 403
    tampered = token[:-1] + ("a" if token[-1] != "a" else "b")
    assert post(tampered, secret) == 403


def test_each_character_is_drawn_uniformly() -> None:
    drawn = Counter(random_characters(62 * 2000))
    assert set(drawn) == set(CSRF_ALLOWED_CHARS)
    # 2,000 expected of each (one standard deviation: 44). Bytes taken modulo 62 without
    # dropping the top ones would give the first 8 characters about 2,420 each.
    assert all(1800 < count < 2200 for count in drawn.values()), drawn.most_common(3)
    assert len(random_characters(7)) == 7 and random_characters(0) == ""
