"""PostgreSQL backend: generated tsvector columns with GIN indexes (migrations 0002 and 0004).

The terms are already stemmed and accent-free, so the 'simple' configuration is used: it
only splits words, and the stems match SQLite's exactly.
"""

from __future__ import annotations

from django.db import connection

from juntos.rights.search.base import SearchRequest, term_groups


def _quoted(token: str, weights: str = "") -> str:
    # Terms are letters and digits only; quoting still keeps tsquery operators out.
    return "'" + token.replace("'", "") + "'" + weights


def _tsquery(tokens: list[str], joiner: str, weights: str = "") -> str:
    if not tokens:
        return ""
    return "(" + f" {joiner} ".join(_quoted(t, weights) for t in tokens) + ")"


def vector_column(request: SearchRequest) -> str:
    """The indexed vector to match: titles and keywords only, or the whole text."""
    return "title_vector" if request.title_only else "search_vector"


def build_tsquery(request: SearchRequest) -> tuple[str, str]:
    """(text query, scope query) in to_tsquery syntax; the scope query may be empty."""
    groups = [
        _tsquery(group, "|") if len(group) > 1 else _quoted(group[0])
        for group in term_groups(request)
    ]
    joiner = " & " if request.match_all else " | "
    words = "(" + joiner.join(groups) + ")"
    return words, _tsquery(request.scope, "|", ":*" if request.scope_prefix else "")


def search(request: SearchRequest) -> list[tuple[int, float]]:
    """(document id, score) pairs, best first; higher score is better."""
    words, scope = build_tsquery(request)
    column = vector_column(request)
    # Filter on the indexed column; rank on the whole weighted text, as SQLite's bm25 does.
    sql = (
        "SELECT id, ts_rank(search_vector, query, 1) AS score "  # noqa: S608 - fixed column
        "FROM rights_searchdocument, to_tsquery('simple', %s) AS query "
        f"WHERE language = %s AND {column} @@ query"
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
