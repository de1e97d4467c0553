"""Query-count assertions for list pages and list endpoints."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _describe(context: CaptureQueriesContext) -> str:
    return "\n".join(f"  {i}. {q['sql']}" for i, q in enumerate(context.captured_queries, 1))


@contextmanager
def assert_max_queries(limit: int):
    """Fail when the block runs more than `limit` queries, listing them."""
    with CaptureQueriesContext(connection) as context:
        yield context
    count = len(context.captured_queries)
    assert count <= limit, f"{count} queries, expected at most {limit}:\n{_describe(context)}"


def assert_queries_do_not_grow(
    *, add_items: Callable[[int], Any], fetch: Callable[[], Any], limit: int
) -> None:
    """A list's query count stays the same when it shows more rows, and within `limit`.

    `add_items(n)` creates n more rows the list will show; `fetch()` requests the list and
    returns the response (its status must be 200).
    """
    add_items(2)
    with CaptureQueriesContext(connection) as small:
        response = fetch()
    assert getattr(response, "status_code", 200) == 200
    add_items(8)
    with CaptureQueriesContext(connection) as large:
        response = fetch()
    assert getattr(response, "status_code", 200) == 200
    assert len(large.captured_queries) == len(small.captured_queries), (
        f"queries grew from {len(small.captured_queries)} to {len(large.captured_queries)} "
        f"with more rows:\n{_describe(large)}"
    )
    assert len(large.captured_queries) <= limit, (
        f"{len(large.captured_queries)} queries, expected at most {limit}:\n{_describe(large)}"
    )
