"""The worker's province and program, remembered in a cookie so no account is needed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from juntos.rights.selectors import valid_program, valid_province

COOKIE = "juntos_rights"
COOKIE_AGE = 60 * 60 * 24 * 365


def read_choice(request: HttpRequest) -> tuple[str, str] | None:
    """(province, program) from the cookie, or None when absent or not valid."""
    province, _, program = request.COOKIES.get(COOKIE, "").partition(":")
    valid = valid_province(province), valid_program(program)
    if valid[0] is None or valid[1] is None:
        return None
    return valid[0], valid[1]


def remember_choice(response: HttpResponse, province: str, program: str) -> HttpResponse:
    response.set_cookie(
        COOKIE, f"{province}:{program}", max_age=COOKIE_AGE, samesite="Lax", httponly=True
    )
    return response
