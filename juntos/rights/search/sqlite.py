"""SQLite backend: one FTS5 table per language, kept in step with SearchDocument by triggers.

Only the words and the scope are in the MATCH expression: bm25 counts the rows of every phrase
it is given, so the language is the table rather than a phrase (see migration 0003).
"""

from __future__ import annotations

from django.db import connection

from juntos.rights.choices import CONTENT_LANGUAGES
from juntos.rights.search.base import SearchRequest, term_groups

# bm25 weights per column: title, keywords, body, scope.
WEIGHTS = "10.0, 6.0, 1.0, 0.0"


def table_for(language: str) -> str:
    return f"rights_search_fts_{language}"


def _quoted(token: str) -> str:
    # Terms are letters and digits only, but quoting keeps FTS5 syntax out of reach anyway.
    return '"' + token.replace('"', "") + '"'


def _any_of(tokens: list[str], prefix: bool) -> str:
    star = " *" if prefix else ""
    return "(" + " OR ".join(_quoted(t) + star for t in tokens) + ")"


def _group(group: list[str]) -> str:
    if len(group) == 1:
        return _quoted(group[0])
    return "(" + " OR ".join(_quoted(t) for t in group) + ")"


def build_match(request: SearchRequest) -> str:
    """The FTS5 MATCH expression for a request."""
    joiner = " AND " if request.match_all else " OR "
    words = "(" + joiner.join(_group(group) for group in term_groups(request)) + ")"
    columns = "{title keywords}" if request.title_only else "{title keywords body}"
    parts = [columns + " : " + words]
    if request.scope:
        parts.append("scope : " + _any_of(request.scope, request.scope_prefix))
    return " AND ".join(parts)


def search(request: SearchRequest) -> list[tuple[int, float]]:
    """(document id, score) pairs, best first; higher score is better."""
    if request.language not in CONTENT_LANGUAGES:
        return []
    table = table_for(request.language)
    sql = (
        f"SELECT rowid, bm25({table}, {WEIGHTS}) AS score FROM {table} "  # noqa: S608
        f"WHERE {table} MATCH %s ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [build_match(request), request.limit])
        return [(row[0], -row[1]) for row in cursor.fetchall()]
