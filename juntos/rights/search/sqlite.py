"""SQLite backend: an FTS5 table kept in step with SearchDocument by triggers (migration 0002)."""

from __future__ import annotations

from django.db import connection

from juntos.rights.search.base import SearchRequest

FTS_TABLE = "rights_search_fts"
# bm25 weights per column: title, keywords, body, scope, lang.
WEIGHTS = "10.0, 6.0, 1.0, 0.0, 0.0"


def _quoted(token: str) -> str:
    # Terms are letters and digits only, but quoting keeps FTS5 syntax out of reach anyway.
    return '"' + token.replace('"', "") + '"'


def _any_of(tokens: list[str]) -> str:
    return "(" + " OR ".join(_quoted(t) for t in tokens) + ")"


def build_match(request: SearchRequest) -> str:
    """The FTS5 MATCH expression for a request."""
    joiner = " AND " if request.match_all else " OR "
    words = "(" + joiner.join(_quoted(t) for t in request.terms) + ")"
    columns = "{title keywords}" if request.title_only else "{title keywords body}"
    parts = [columns + " : " + words, "lang : " + _quoted(request.language)]
    if request.jurisdictions:
        parts.append("scope : " + _any_of(request.jurisdictions))
    if request.programs:
        parts.append("scope : " + _any_of(request.programs))
    return " AND ".join(parts)


def search(request: SearchRequest) -> list[tuple[int, float]]:
    """(document id, score) pairs, best first; higher score is better."""
    sql = (
        f"SELECT rowid, bm25({FTS_TABLE}, {WEIGHTS}) AS score FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s ORDER BY score LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [build_match(request), request.limit])
        return [(row[0], -row[1]) for row in cursor.fetchall()]
