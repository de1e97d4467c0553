"""Django's flush, able to empty the append-only audit tables.

`flush` removes every row of every table (tests between transactional cases, an operator
starting over). The audit triggers refuse those DELETEs on SQLite, so they are dropped for the
flush and created again at once, in the same transaction where the database allows it.
"""

from typing import Any

from django.core.management.commands import flush
from django.db import connections, transaction

from juntos.core.dbtriggers import triggers_create, triggers_drop


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        with transaction.atomic(using=connection.alias):
            triggers_drop(connection)
            try:
                super().handle(**options)
            finally:
                triggers_create(connection)
