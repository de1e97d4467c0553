"""The full-text index: an FTS5 table on SQLite, tsvector columns with GIN on PostgreSQL.

Each database gets only its own structure; the other one's statements never run.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE rights_search_fts USING fts5("
    "title, keywords, body, scope, lang, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER rights_searchdocument_ai AFTER INSERT ON rights_searchdocument BEGIN "
    "INSERT INTO rights_search_fts(rowid, title, keywords, body, scope, lang) VALUES "
    "(new.id, new.title_terms, new.keyword_terms, new.body_terms, new.scope_terms, new.language);"
    " END",
    "CREATE TRIGGER rights_searchdocument_ad AFTER DELETE ON rights_searchdocument BEGIN "
    "DELETE FROM rights_search_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER rights_searchdocument_au AFTER UPDATE ON rights_searchdocument BEGIN "
    "UPDATE rights_search_fts SET title = new.title_terms, keywords = new.keyword_terms, "
    "body = new.body_terms, scope = new.scope_terms, lang = new.language "
    "WHERE rowid = old.id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS rights_searchdocument_au",
    "DROP TRIGGER IF EXISTS rights_searchdocument_ad",
    "DROP TRIGGER IF EXISTS rights_searchdocument_ai",
    "DROP TABLE IF EXISTS rights_search_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE rights_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title_terms), 'A') || "
    "setweight(to_tsvector('simple', keyword_terms), 'B') || "
    "setweight(to_tsvector('simple', body_terms), 'D')) STORED",
    "ALTER TABLE rights_searchdocument ADD COLUMN scope_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple', scope_terms)) STORED",
    "CREATE INDEX rights_searchdocument_vector_gin ON rights_searchdocument "
    "USING GIN (search_vector)",
    "CREATE INDEX rights_searchdocument_scope_gin ON rights_searchdocument "
    "USING GIN (scope_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS rights_searchdocument_scope_gin",
    "DROP INDEX IF EXISTS rights_searchdocument_vector_gin",
    "ALTER TABLE rights_searchdocument DROP COLUMN IF EXISTS scope_vector",
    "ALTER TABLE rights_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("rights", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
