"""SQLite: store ballots WITHOUT ROWID, so they sit in the order of their random keys.

A normal SQLite table keeps a hidden row number in insertion order, and every index on it
(vote_id included) lists rows in that order: the ballots of a vote would come back in the order
people voted, which the participation table also records. Without a rowid, the table and its
indexes are ordered by the random UUID key instead. PostgreSQL: see juntos/network/storage.py.
"""

from django.db import migrations


def _rebuild_without_rowid(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, sql FROM sqlite_master "
            "WHERE tbl_name = 'network_ballot' AND sql IS NOT NULL"
        )
        rows = cursor.fetchall()
    table_sql = next(sql for kind, sql in rows if kind == "table")
    if "WITHOUT ROWID" in table_sql.upper():
        return
    others = [sql for kind, sql in rows if kind != "table"]
    create = table_sql.replace('"network_ballot"', '"network_ballot__new"', 1) + " WITHOUT ROWID"
    for statement in [
        create,
        'INSERT INTO "network_ballot__new" SELECT * FROM "network_ballot"',
        'DROP TABLE "network_ballot"',
        'ALTER TABLE "network_ballot__new" RENAME TO "network_ballot"',
        *others,
    ]:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("network", "0003_alter_minutes_language")]

    operations = [migrations.RunPython(_rebuild_without_rowid, migrations.RunPython.noop)]
