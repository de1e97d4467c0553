"""The access matrix: every URL pattern and API operation, and which personas may use it.

Each app declares its rows in `juntos/<app>/tests/access.py` as a list named `ACCESS`.
The quality harness (tests/quality/) collects every list, fails when a URL pattern or API
operation has no row, and plays each row for every persona:

- a persona in `allow` must get a response below 400 that is not a redirect to the login page;
- every other persona must get 403 or 404 (anonymous may instead be sent to the login page),
  and a write they attempt must change nothing.

Adding a page is one line, e.g.
    Access("rights:index", allow=EVERYONE, worker_page=True, key_page=True)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PERSONAS = ("rosa", "amina", "ben", "carl", "rita", "ines", "dana", "admin")
ANONYMOUS = "anonymous"
EVERYONE = frozenset({*PERSONAS, ANONYMOUS})
SIGNED_IN = frozenset(PERSONAS)
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Access:
    """One row: a URL name (or "METHOD /api/path" for an API operation) and who may use it."""

    name: str
    allow: frozenset[str]
    method: str = "GET"
    # Builds the URL's kwargs (creating objects as needed) from the personas fixture; for
    # API rows, the values fill the {name} parts of the path.
    kwargs: Callable[[Any], dict[str, Any]] | None = None
    # Body of a POST (form fields, or JSON for API rows), built from personas and kwargs.
    data: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None
    # API rows only: send `data` as a multipart form (files as file objects), not as JSON.
    multipart: bool = False
    # Query string to append, e.g. "?q=vivienda".
    query: str = ""
    # Worker-facing page: checked against the 100 KB first-load budget and with JavaScript off.
    worker_page: bool = False
    # Key page: checked with axe-core in each language.
    key_page: bool = False
    # Why the rule is what it is, when it is not obvious.
    note: str = field(default="", compare=False)
