"""Every URL pattern and API operation has a row; no persona gets more than its row allows."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.quality.matrix import (
    api_operations,
    collect_rows,
    play_everyone,
    row_id,
    uncovered,
    violations,
)

ROWS = collect_rows()


@pytest.mark.django_db
def test_every_url_pattern_and_api_operation_has_a_row():
    gaps = uncovered(ROWS, operations=api_operations(Client()))
    assert not any(gaps.values()), "\n".join(
        f"{kind}: {', '.join(items)}" for kind, items in gaps.items() if items
    )


def test_no_row_is_declared_twice():
    ids = [row_id(row) for row in ROWS]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_no_persona_gets_more_than_the_row_allows(row: Any, personas: Any):
    problems = [p for result in play_everyone(row, personas) for p in violations(row, result)]
    assert not problems, "\n".join(problems)
