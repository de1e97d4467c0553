"""Pages of the access matrix as Chromium visits them: URL, persona, cookies."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from juntos.testing.access import ANONYMOUS, PERSONAS, Access
from juntos.testing.personas import logged_in_client
from tests.quality.matrix import collect_rows, row_id

LANGUAGES = [code for code, _ in settings.LANGUAGES]


def page_rows(flag: str = "") -> list[Access]:
    """GET page rows (not API rows) someone may see; with a flag, only those with it set."""
    return [
        row
        for row in collect_rows()
        if (not flag or getattr(row, flag))
        and row.method == "GET"
        and " " not in row.name
        and row.allow
    ]


def visitor(row: Access) -> str:
    """Anonymous when the row allows it, else the first persona it allows (rosa first)."""
    if ANONYMOUS in row.allow:
        return ANONYMOUS
    return next(p for p in PERSONAS if p in row.allow)


def open_as(
    new_page: Any, live_server: Any, personas: Any, row: Access, language: str, **opts: Any
) -> tuple[Any, str]:
    """A page signed in as the row's visitor, and the URL of the row in `language`."""
    kwargs = row.kwargs(personas) if row.kwargs else {}
    with translation.override(language):
        url = reverse(row.name, kwargs=kwargs) + row.query
    page = new_page(**opts)
    who = visitor(row)
    if who != ANONYMOUS:
        client = logged_in_client(getattr(personas, who))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
    return page, url


def label(row: Access) -> str:
    return row_id(row).split(" ", 1)[1]
