"""Plain HTTP to peers (the standard library's client): no redirects followed, a size cap,
a timeout. Only approved peers' addresses are ever given to it."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

MAX_BODY = 4 * 1024 * 1024
TIMEOUT = 15


@dataclass(frozen=True)
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes


class Unreachable(Exception):
    """The peer did not answer, or answered with something that is not a page."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a signed answer comes from the address asked, never from elsewhere


_opener = urllib.request.build_opener(_NoRedirects)


def send(method: str, url: str, *, headers: dict[str, str], body: bytes | None = None) -> Fetched:
    if not url.startswith(("http://", "https://")):
        raise Unreachable(url)
    request = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310
    try:
        with _opener.open(request, timeout=TIMEOUT) as response:
            content = response.read(MAX_BODY + 1)
            status, got = response.status, dict(response.headers.items())
    except urllib.error.HTTPError as error:
        content, status, got = error.read(MAX_BODY + 1), error.code, dict(error.headers.items())
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise Unreachable(url) from error
    if len(content) > MAX_BODY:
        raise Unreachable(url)
    return Fetched(status=status, headers=got, body=content)
