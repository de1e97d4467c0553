"""Query-count assertions for list pages and list endpoints."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from juntos.core.memory import forget_everything


def _describe(context: CaptureQueriesContext) -> str:
    return "\n".join(f"  {i}. {q['sql']}" for i, q in enumerate(context.captured_queries, 1))


@contextmanager
def assert_max_queries(limit: int):
    """Fail when the block runs more than `limit` queries, listing them."""
    with CaptureQueriesContext(connection) as context:
        yield context
    count = len(context.captured_queries)
    assert count <= limit, f"{count} queries, expected at most {limit}:\n{_describe(context)}"


def rows_shown(response: Any) -> int:
    """How many rows a list response shows: items of a JSON list (or of the first list in a
    JSON object), else the table rows, list items, sections and articles of an HTML page."""
    if "json" in response.get("Content-Type", ""):
        data = json.loads(response.content)
        if isinstance(data, dict):
            data = next((v for v in data.values() if isinstance(v, list)), [])
        return len(data)
    html = response.content.decode()
    return len(re.findall(r"<(?:tr|li|section|article)[\s>]", html))


def assert_queries_do_not_grow(
    *,
    add_items: Callable[[int], Any],
    fetch: Callable[[], Any],
    limit: int,
    rows: Callable[[Any], int] = rows_shown,
) -> None:
    """A list's query count stays the same when it shows more rows, and within `limit`.

    `add_items(n)` creates n more rows the list will show; `fetch()` requests the list and
    returns the response (its status must be 200); `rows(response)` counts the rows it shows
    (by default `rows_shown`). The larger fetch must show more rows than the smaller one, so
    a test whose rows land somewhere the list does not show fails instead of passing. What
    the process remembers for a few seconds (juntos/core/memory.py) is forgotten before each
    fetch, so both count every read a visitor may cause.
    """
    add_items(2)
    forget_everything()
    with CaptureQueriesContext(connection) as small:
        response = fetch()
    assert getattr(response, "status_code", 200) == 200
    small_rows = rows(response)
    add_items(8)
    forget_everything()
    with CaptureQueriesContext(connection) as large:
        response = fetch()
    assert getattr(response, "status_code", 200) == 200
    large_rows = rows(response)
    assert large_rows > small_rows, (
        f"the list showed {small_rows} rows, then {large_rows} after adding 8: the added rows "
        "are not on it, so this test could not catch queries growing with rows"
    )
    assert len(large.captured_queries) == len(small.captured_queries), (
        f"queries grew from {len(small.captured_queries)} to {len(large.captured_queries)} "
        f"with more rows:\n{_describe(large)}"
    )
    assert len(large.captured_queries) <= limit, (
        f"{len(large.captured_queries)} queries, expected at most {limit}:\n{_describe(large)}"
    )
