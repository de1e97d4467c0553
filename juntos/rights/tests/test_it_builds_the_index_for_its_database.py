"""The migration builds only the active database's index: FTS5 on SQLite, GIN on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def _tables() -> set[str]:
    return set(connection.introspection.table_names(include_views=True))


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def test_the_index_structure_matches_the_database():
    if connection.vendor == "sqlite":
        assert {"rights_search_fts_en", "rights_search_fts_es", "rights_search_fts_fr"} <= _tables()
        assert "rights_search_fts" not in _tables()
        assert "search_vector" not in _columns("rights_searchdocument")
    elif connection.vendor == "postgresql":
        assert not any(name.startswith("rights_search_fts") for name in _tables())
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'rights_searchdocument' "
                "AND indexdef LIKE '%%USING gin%%'"
            )
            gin = {row[0] for row in cursor.fetchall()}
        assert gin == {
            "rights_searchdocument_vector_gin",
            "rights_searchdocument_scope_gin",
            "rights_searchdocument_title_gin",
        }
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.reloptions FROM pg_class c WHERE c.relname = "
                "'rights_searchdocument_scope_gin'"
            )
            assert cursor.fetchone()[0] == ["fastupdate=off"]
    else:
        pytest.fail(f"rights search has no backend for {connection.vendor}")
