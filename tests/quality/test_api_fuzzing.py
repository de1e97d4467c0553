"""schemathesis against /api/openapi.json as every persona: no 5xx, responses match schemas.

The WSGI app is called in-process, inside the test's database transaction. Examples per
operation and persona are bounded (JUNTOS_FUZZ_EXAMPLES, default 6) to keep CI to minutes.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from juntos.testing.access import ANONYMOUS, PERSONAS
from juntos.testing.personas import logged_in_client
from juntos.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
EXAMPLES = int(os.environ.get("JUNTOS_FUZZ_EXAMPLES", "6"))
CHECKS = [not_a_server_error, response_schema_conformance]


def auth_headers(personas: Any, persona: str) -> dict[str, str]:
    """Session cookie of the persona, plus a CSRF cookie and the matching header."""
    token = secrets.token_hex(16)
    cookies = {settings.CSRF_COOKIE_NAME: token}
    if persona != ANONYMOUS:
        client = logged_in_client(getattr(personas, persona))
        cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "X-CSRFToken": token,
        "Host": "testserver",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("persona", [*PERSONAS, ANONYMOUS])
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_persona_without_server_errors(case: Any, persona: str, personas: Any):
    with connections_kept_open():
        case.call_and_validate(headers=auth_headers(personas, persona), checks=CHECKS)


@contextmanager
def connections_kept_open() -> Iterator[None]:
    """As Django's test client does: a request must not close the test's connection.

    At the end of a request Django closes a connection whose autocommit differs from its
    settings, which is always the case inside a test's transaction; PostgreSQL then loses the
    test's data (in-memory SQLite ignores the close).
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
