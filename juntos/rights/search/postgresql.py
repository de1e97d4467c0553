"""PostgreSQL backend: generated tsvector columns with GIN indexes (migration 0002).

The terms are already stemmed and accent-free, so the 'simple' configuration is used: it
only splits words, and the stems match SQLite's exactly.
"""

from __future__ import annotations

from django.db import connection

from juntos.rights.search.base import SearchRequest


def _tsquery(tokens: list[str], joiner: str, weights: str = "") -> str:
    if not tokens:
        return ""
    # Terms are letters and digits only; quoting still keeps tsquery operators out.
    quoted = ("'" + t.replace("'", "") + "'" + weights for t in tokens)
    return "(" + f" {joiner} ".join(quoted) + ")"


def build_tsquery(request: SearchRequest) -> tuple[str, str]:
    """(text query, scope query) in to_tsquery syntax; the scope query may be empty."""
    # Titles carry weight A and keywords B (migration 0002), so ":AB" means "in the title".
    weights = ":AB" if request.title_only else ""
    words = _tsquery(request.terms, "&" if request.match_all else "|", weights)
    return words, _tsquery(request.scope, "|", ":*" if request.scope_prefix else "")


def search(request: SearchRequest) -> list[tuple[int, float]]:
    """(document id, score) pairs, best first; higher score is better."""
    words, scope = build_tsquery(request)
    sql = (
        "SELECT id, ts_rank(search_vector, query, 1) AS score "
        "FROM rights_searchdocument, to_tsquery('simple', %s) AS query "
        "WHERE language = %s AND search_vector @@ query"
    )
    params: list[str | int] = [words, request.language]
    if scope:
        sql += " AND scope_vector @@ to_tsquery('simple', %s)"
        params.append(scope)
    sql += " ORDER BY score DESC, id LIMIT %s"
    params.append(request.limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], float(row[1])) for row in cursor.fetchall()]
