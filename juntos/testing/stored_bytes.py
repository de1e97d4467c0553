"""Attacking the stored bytes: what a copy of the database files, its WAL or a dump shows.

Tests of secrecy read these instead of the pages: a value that is absent here is absent from a
stolen copy. On SQLite, `sqlite_file_database` moves the test database into a real file in WAL
mode (the in-memory test database has no file to steal); on PostgreSQL, `pg_dump_text` dumps it.
Use both in a `transaction=True` test, so that what the flow wrote is committed.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


def is_sqlite() -> bool:
    return connection.vendor == "sqlite"


@contextmanager
def sqlite_file_database(directory: Path) -> Iterator[Path]:
    """Run the block against a file copy of the (migrated) test database, in WAL mode."""
    path = directory / "stolen.sqlite3"
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    in_memory, name = connection.connection, connection.settings_dict["NAME"]
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
        yield path
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


def sqlite_file_bytes(path: Path) -> bytes:
    """The database file and its write-ahead log, as an attacker would copy them."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def pg_dump_text() -> str:
    """A plain-text `pg_dump` of the test database."""
    settings = connection.settings_dict
    pg_dump = shutil.which("pg_dump") or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))), "pg_dump"
    )
    command = [pg_dump, "--no-owner", "--dbname", settings["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command += [flag, str(settings[key])]
    env = {"PGPASSWORD": str(settings.get("PASSWORD") or "")}
    return subprocess.run(  # noqa: S603 - our own arguments, no shell
        command, check=True, capture_output=True, text=True, env=env, timeout=120
    ).stdout


def table_text(table: str) -> str:
    """Every value of every row of one table, as text (bytes decoded leniently, and as hex)."""
    parts: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - a table name from the test
        for row in cursor.fetchall():
            for value in row:
                if isinstance(value, bytes | memoryview):
                    raw = bytes(value)
                    parts += [raw.decode("latin-1"), raw.hex()]
                else:
                    parts.append(str(value))
    return "\n".join(parts)
