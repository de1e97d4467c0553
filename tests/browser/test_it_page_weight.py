"""Every worker page's first load transfers at most 100 KB compressed.

The live test server does not compress, so each response body is gzipped here (level 6, as
Django's GZipMiddleware and common front servers do) and the smaller of the raw and gzipped size
is counted (servers do not gzip what is already compressed, such as images), plus the bytes of
the status line and headers. The page loads with JavaScript disabled, as a worker's cheap phone
with scripts off would load it.
"""

from __future__ import annotations

import gzip
from typing import Any

import pytest

from tests.browser.chromium import PHONE
from tests.browser.pages import label, open_as, page_rows, visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BUDGET_BYTES = 100 * 1024
ROWS = page_rows("worker_page")


def transferred(response: Any) -> tuple[int, int]:
    """(raw body bytes, bytes on the wire if compressed as production would)."""
    head = len(f"HTTP/1.1 {response.status}\r\n") + sum(
        len(k) + len(v) + 4 for k, v in response.headers.items()
    )
    try:
        body = response.body()
    except Exception:  # redirects and aborted responses have no body
        body = b""
    return len(body), head + min(len(body), len(gzip.compress(body, compresslevel=6)))


@pytest.mark.parametrize("row", ROWS, ids=label)
def test_worker_page_first_load_is_under_100_kb(
    new_page: Any, live_server: Any, personas: Any, row: Any
):
    page, url = open_as(
        new_page, live_server, personas, row, "en", viewport=PHONE, javascript=False
    )
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    main = page.goto(url, wait_until="load")
    assert main is not None and main.status < 400, (
        f"{url} as {visitor(row)}: {main and main.status}"
    )
    sizes = [(r.url, *transferred(r)) for r in responses]
    total = sum(wire for _, _, wire in sizes)
    listing = "\n".join(f"  {wire:>8} B  (raw {raw} B)  {u}" for u, raw, wire in sizes)
    assert total <= BUDGET_BYTES, f"{url}: {total} B compressed > {BUDGET_BYTES} B\n{listing}"
