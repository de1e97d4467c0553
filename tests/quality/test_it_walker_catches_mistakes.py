"""The walker itself can fail: an unprotected view, a lax check and a denied write are caught."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

from juntos.testing.access import ANONYMOUS, NOBODY, SIGNED_IN, Access
from tests.quality.matrix import api_operations, collect_rows, play, uncovered, violations

URLCONF = "tests.quality.unprotected_urls"


@pytest.mark.django_db
def test_a_view_without_a_row_is_reported():
    gaps = uncovered(collect_rows(), urlconf=URLCONF, operations=api_operations(Client()))
    assert "forgot_the_check" in gaps["patterns without a row"]
    assert "writes_for_anyone" in gaps["patterns without a row"]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=URLCONF)
def test_a_view_that_forgets_its_check_breaks_its_row(personas: Any):
    row = Access("forgot_the_check", allow=SIGNED_IN)
    assert violations(row, play(row, personas, "rosa")) == []
    problems = violations(row, play(row, personas, ANONYMOUS))
    assert problems and "more than the row allows" in problems[0]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=URLCONF)
def test_a_denied_request_that_writes_is_reported(personas: Any):
    row = Access("writes_for_anyone", method="POST", allow=NOBODY)
    problems = violations(row, play(row, personas, "dana"))
    assert problems == [
        "POST writes_for_anyone as dana: POST /en/writes-for-anyone/ -> 403: "
        "a denied request wrote to auth_group"
    ]
