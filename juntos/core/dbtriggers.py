"""Database triggers that keep the audit log append-only, on SQLite and PostgreSQL.

- `core_auditentry`: no DELETE; an UPDATE only while an entry is unsealed (sequence NULL), and
  then only of its three seal columns (the sealer's one legitimate write).
- `core_pendinganonymousauditentry`: no UPDATE; a DELETE only of a row the log already holds
  (an entry with that queue_id), which is what the daily seal does.
- `core_auditcheckpoint`: no UPDATE, no DELETE.

Someone who owns the database can drop a trigger: these stop mistakes and casual edits, while
the keyed chain and the published checkpoints are what detect a determined rewrite.
A migration that rebuilds one of these tables on SQLite drops its triggers with it: create them
again afterwards (a test checks they exist).
"""

# The statements are built from the constants below only, never from input.
# ruff: noqa: S608

from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

REFUSED = "the audit log is append-only"
CONTENT_COLUMNS = (
    "occurred_at",
    "actor_id",
    "actor_label",
    "organisation_id",
    "action",
    "object_type",
    "object_id",
    "details",
    "anonymous",
    "queue_id",
)
TRIGGERS = (
    "core_auditentry_no_delete",
    "core_auditentry_seal_only",
    "core_pendingaudit_no_update",
    "core_pendingaudit_delete_when_logged",
    "core_auditcheckpoint_no_update",
    "core_auditcheckpoint_no_delete",
)


def _sqlite_create() -> list[str]:
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in CONTENT_COLUMNS)
    abort = f"BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END"
    return [
        f"CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry {abort}",
        "CREATE TRIGGER core_auditentry_seal_only BEFORE UPDATE ON core_auditentry "
        f"WHEN OLD.sequence IS NOT NULL OR {changed} {abort}",
        "CREATE TRIGGER core_pendingaudit_no_update BEFORE UPDATE "
        f"ON core_pendinganonymousauditentry {abort}",
        "CREATE TRIGGER core_pendingaudit_delete_when_logged BEFORE DELETE "
        "ON core_pendinganonymousauditentry WHEN NOT EXISTS "
        "(SELECT 1 FROM core_auditentry WHERE queue_id = OLD.id) "
        f"{abort}",
        "CREATE TRIGGER core_auditcheckpoint_no_update BEFORE UPDATE "
        f"ON core_auditcheckpoint {abort}",
        "CREATE TRIGGER core_auditcheckpoint_no_delete BEFORE DELETE "
        f"ON core_auditcheckpoint {abort}",
    ]


def _postgres_create() -> list[str]:
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in CONTENT_COLUMNS)
    refuse = f"RAISE EXCEPTION '{REFUSED}' USING ERRCODE = 'insufficient_privilege';"
    return [
        "CREATE OR REPLACE FUNCTION core_auditentry_guard() RETURNS trigger AS $$ BEGIN "
        f"IF TG_OP = 'DELETE' THEN {refuse} END IF; "
        f"IF OLD.sequence IS NOT NULL OR {changed} THEN {refuse} END IF; "
        "RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE OR REPLACE FUNCTION core_pendingaudit_guard() RETURNS trigger AS $$ BEGIN "
        f"IF TG_OP = 'UPDATE' THEN {refuse} END IF; "
        "IF NOT EXISTS (SELECT 1 FROM core_auditentry WHERE queue_id = OLD.id) "
        f"THEN {refuse} END IF; "
        "RETURN OLD; END $$ LANGUAGE plpgsql",
        "CREATE OR REPLACE FUNCTION core_audit_refuse() RETURNS trigger AS $$ BEGIN "
        f"{refuse} END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry "
        "FOR EACH ROW EXECUTE FUNCTION core_auditentry_guard()",
        "CREATE TRIGGER core_auditentry_seal_only BEFORE UPDATE ON core_auditentry "
        "FOR EACH ROW EXECUTE FUNCTION core_auditentry_guard()",
        "CREATE TRIGGER core_pendingaudit_no_update BEFORE UPDATE "
        "ON core_pendinganonymousauditentry "
        "FOR EACH ROW EXECUTE FUNCTION core_pendingaudit_guard()",
        "CREATE TRIGGER core_pendingaudit_delete_when_logged BEFORE DELETE "
        "ON core_pendinganonymousauditentry "
        "FOR EACH ROW EXECUTE FUNCTION core_pendingaudit_guard()",
        "CREATE TRIGGER core_auditcheckpoint_no_update BEFORE UPDATE ON core_auditcheckpoint "
        "FOR EACH ROW EXECUTE FUNCTION core_audit_refuse()",
        "CREATE TRIGGER core_auditcheckpoint_no_delete BEFORE DELETE ON core_auditcheckpoint "
        "FOR EACH ROW EXECUTE FUNCTION core_audit_refuse()",
    ]


def _drop(vendor: str) -> list[str]:
    tables = {
        "core_auditentry_no_delete": "core_auditentry",
        "core_auditentry_seal_only": "core_auditentry",
        "core_pendingaudit_no_update": "core_pendinganonymousauditentry",
        "core_pendingaudit_delete_when_logged": "core_pendinganonymousauditentry",
        "core_auditcheckpoint_no_update": "core_auditcheckpoint",
        "core_auditcheckpoint_no_delete": "core_auditcheckpoint",
    }
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in tables.items()]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in tables]


def triggers_sql(vendor: str, *, create: bool) -> list[str]:
    """The statements that create (or drop) the append-only triggers on this vendor."""
    if vendor not in {"sqlite", "postgresql"}:
        raise NotImplementedError(f"no append-only triggers for {vendor}")
    if not create:
        return _drop(vendor)
    return _sqlite_create() if vendor == "sqlite" else _postgres_create()


def triggers_create(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in triggers_sql(connection.vendor, create=True):
            cursor.execute(statement)


def triggers_drop(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in triggers_sql(connection.vendor, create=False):
            cursor.execute(statement)


def triggers_present(connection: BaseDatabaseWrapper) -> set[str]:
    """The append-only triggers the database holds now."""
    if connection.vendor == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    with connection.cursor() as cursor:
        cursor.execute(query)
        return {row[0] for row in cursor.fetchall()} & set(TRIGGERS)
