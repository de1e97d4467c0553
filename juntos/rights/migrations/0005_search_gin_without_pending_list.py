"""PostgreSQL only: the search GIN indexes take new entries directly (fastupdate off).

With fastupdate on, new entries wait in a pending list that every query scans until a vacuum
merges it: after a bulk load this made the scope filter alone cost several milliseconds. The
library is written rarely (on publication) and read constantly, so writes pay instead.
"""

from django.db import migrations

INDEXES = (
    "rights_searchdocument_vector_gin",
    "rights_searchdocument_scope_gin",
    "rights_searchdocument_title_gin",
)


def _fastupdate(value):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = {value})")
            if value == "off":
                schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")

    return run


class Migration(migrations.Migration):
    dependencies = [("rights", "0004_search_title_vector")]

    operations = [migrations.RunPython(_fastupdate("off"), _fastupdate("on"))]
