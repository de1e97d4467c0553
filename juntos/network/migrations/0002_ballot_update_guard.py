"""A database trigger that refuses any UPDATE of a stored ballot, whatever code runs it."""

from django.db import migrations

SQLITE_UP = [
    "CREATE TRIGGER network_ballot_no_update BEFORE UPDATE ON network_ballot "
    "BEGIN SELECT RAISE(ABORT, 'ballots cannot be changed'); END",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS network_ballot_no_update"]
POSTGRES_UP = [
    "CREATE OR REPLACE FUNCTION network_ballot_no_update() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'ballots cannot be changed'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER network_ballot_no_update BEFORE UPDATE ON network_ballot "
    "FOR EACH ROW EXECUTE FUNCTION network_ballot_no_update()",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS network_ballot_no_update ON network_ballot",
    "DROP FUNCTION IF EXISTS network_ballot_no_update()",
]


def _run(sql_by_vendor):
    def run(apps, schema_editor):
        for statement in sql_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
