"""The access matrix walker: collects every app's ACCESS rows, checks coverage, plays rows.

The semantics are those of juntos/testing/access.py. Adding a page to the checks is one line in
the app's own `tests/access.py`; nothing here changes.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from juntos.testing.access import ANONYMOUS, PERSONAS, Access
from juntos.testing.personas import logged_in_client

# URL namespaces the walker does not ask rows for, and why.
EXCLUDED_NAMESPACES = {
    "admin": "Django admin's own pages: each is wrapped in admin_view, which requires is_staff, "
    "and they are not Juntos' pages",
    "api": "Django Ninja's generated URL names: each API operation is checked through the "
    "OpenAPI document instead (rows named 'GET /api/...'), and /api/openapi.json is public",
}
API_METHODS = ("get", "post", "put", "patch", "delete")
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# Rows whose content legitimately changes on any request, so they prove nothing about writes.
VOLATILE_TABLES = {"django_session"}


def collect_rows() -> list[Access]:
    """Every ACCESS row of every installed juntos app, in app order."""
    rows: list[Access] = []
    for app in settings.INSTALLED_APPS:
        module = f"{app}.tests.access"
        if (
            app.startswith("juntos.")
            and importlib.util.find_spec(f"{app}.tests")
            and (importlib.util.find_spec(module))
        ):
            rows.extend(importlib.import_module(module).ACCESS)
    return rows


def row_id(row: Access) -> str:
    return (
        row.name
        if row.name.startswith(tuple(m.upper() for m in API_METHODS))
        else (f"{row.method} {row.name}")
    )


def url_names(urlconf: str | None = None) -> set[str]:
    """Every named pattern under the URLconf, namespaced, except the excluded namespaces."""
    return {name for name, _ in _walk(get_resolver(urlconf).url_patterns, "")}


def unnamed_patterns(urlconf: str | None = None) -> list[str]:
    """Patterns outside the excluded namespaces that have no name, so no row could name them."""
    return [route for name, route in _walk(get_resolver(urlconf).url_patterns, "") if not name]


def _walk(patterns: list[Any], namespace: str, prefix: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            inner = f"{namespace}{ns}:" if ns else namespace
            yield from _walk(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}{pattern.name}" if pattern.name else "", route)


def api_operations(client: Client | None = None) -> set[str]:
    """Every operation of the OpenAPI document, as 'METHOD /api/path/{param}'."""
    document = (client or Client()).get("/api/openapi.json").json()
    return {
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method in operations
        if method in API_METHODS
    }


def uncovered(rows: list[Access], *, urlconf: str | None = None, operations: set[str]) -> dict:
    """What has no row, and rows that name nothing."""
    declared = {row.name for row in rows}
    names = url_names(urlconf)
    return {
        "patterns without a row": sorted(names - declared),
        "operations without a row": sorted(operations - declared),
        "unnamed patterns": unnamed_patterns(urlconf),
        "rows naming nothing": sorted(declared - names - operations),
    }


@dataclass
class Play:
    persona: str
    method: str
    url: str
    status: int
    location: str
    wrote: list[str]


def play(row: Access, personas: Any, persona: str, kwargs: dict[str, Any] | None = None) -> Play:
    """One persona (or anonymous) uses the row's URL once; record what came back. `kwargs` are
    the row's objects when the caller made them already (see `play_everyone`)."""
    if kwargs is None:
        kwargs = row.kwargs(personas) if row.kwargs else {}
    data = row.data(personas, kwargs) if row.data else {}
    api = " " in row.name
    method = row.name.split(" ", 1)[0] if api else row.method
    url = (_api_path(row.name, kwargs) if api else reverse(row.name, kwargs=kwargs)) + row.query
    client = Client() if persona == ANONYMOUS else logged_in_client(getattr(personas, persona))
    before = snapshot() if method in WRITE_METHODS else {}
    if api and row.multipart:
        response = client.post(url, data=data, HTTP_X_CSRFTOKEN=_csrf_token(client))
    elif api and method != "GET":
        token = _csrf_token(client)
        response = client.generic(
            method, url, data=_json(data), content_type="application/json",
            HTTP_X_CSRFTOKEN=token,
        )  # fmt: skip
    else:
        response = getattr(client, method.lower())(url, data=data or None)
    wrote = changed_tables(before, snapshot()) if method in WRITE_METHODS else []
    return Play(persona, method, url, response.status_code, response.get("Location", ""), wrote)


def play_everyone(row: Access, personas: Any) -> list[Play]:
    """Every persona and anonymous use the row's URL once each.

    The row's objects are made anew for the first persona and after each one the row allows
    (who may change them) or who wrote anything; a refused persona who wrote nothing leaves them
    as they were, so the next one reuses them. Making them for each of fifteen visitors was most
    of the matrix's time."""
    results, kwargs = [], None
    for persona in everyone():
        if kwargs is None:
            kwargs = row.kwargs(personas) if row.kwargs else {}
        result = play(row, personas, persona, kwargs)
        results.append(result)
        if persona in row.allow or result.wrote:
            kwargs = None
    return results


def violations(row: Access, result: Play) -> list[str]:
    """How the result breaks the row, if it does."""
    label = f"{row_id(row)} as {result.persona}: {result.method} {result.url} -> {result.status}"
    if result.persona in row.allow:
        if result.status >= 400 or _to_login(result):
            return [f"{label} {result.location} but the row allows {result.persona}"]
        return []
    problems = []
    # Anonymous may be sent to log in: a redirect for pages, 401 from the API.
    asked_to_log_in = _to_login(result) or result.status == 401
    denied = result.status in (403, 404) or (result.persona == ANONYMOUS and asked_to_log_in)
    if not denied:
        problems.append(f"{label} {result.location}: more than the row allows (403/404 expected)")
    if result.wrote:
        problems.append(f"{label}: a denied request wrote to {', '.join(result.wrote)}")
    return problems


def everyone() -> tuple[str, ...]:
    return (*PERSONAS, ANONYMOUS)


def snapshot() -> dict[str, str]:
    """A digest of every table's rows (many-to-many tables too), to prove a denied write changed
    nothing. Plain SQL written once per table: building ~150 ORM queries per request made this
    most of the access matrix's time."""
    digests = {}
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table, sql in _snapshot_statements(connection.vendor):
            if table in existing:
                cursor.execute(sql)
                digests[table] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return digests


@functools.cache
def _snapshot_statements(vendor: str) -> tuple[tuple[str, str], ...]:
    quote = connection.ops.quote_name
    statements = []
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table not in VOLATILE_TABLES:
            order = quote(model._meta.pk.column)
            statements.append((table, f"SELECT * FROM {quote(table)} ORDER BY {order}"))
    return tuple(statements)


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in after if before.get(t) != after[t])


def _to_login(result: Play) -> bool:
    return result.status in (301, 302, 303, 307, 308) and bool(
        re.match(r"^/[a-z]{2}(-[a-z]+)?/login/", result.location)
    )


def _api_path(name: str, kwargs: dict[str, Any]) -> str:
    path = name.split(" ", 1)[1]
    return re.sub(r"\{(\w+)\}", lambda m: str(kwargs[m.group(1)]), path)


def _csrf_token(client: Client) -> str:
    client.get(reverse("accounts:login"))
    cookie = client.cookies.get(settings.CSRF_COOKIE_NAME)
    return cookie.value if cookie else ""


def _json(data: dict[str, Any]) -> str:
    import json

    return json.dumps(data, default=str)
