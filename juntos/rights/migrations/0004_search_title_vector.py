"""PostgreSQL only: a tsvector of titles and keywords with its own GIN index.

The first search pass looks at titles only. Filtering the whole-text vector by weight (":AB")
cannot use the index, so every article holding a common word was fetched and rechecked.
SQLite is unchanged: FTS5 filters columns inside its own index.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE rights_searchdocument ADD COLUMN title_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title_terms), 'A') || "
    "setweight(to_tsvector('simple', keyword_terms), 'B')) STORED",
    "CREATE INDEX rights_searchdocument_title_gin ON rights_searchdocument "
    "USING GIN (title_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS rights_searchdocument_title_gin",
    "ALTER TABLE rights_searchdocument DROP COLUMN IF EXISTS title_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("rights", "0003_search_per_language")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
