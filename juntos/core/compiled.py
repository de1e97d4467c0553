"""Rows read on every request of a busy page, with their SQL compiled once per connection.

The session, the signed-in person and her memberships are read on every page she opens (and
apps read this way what their busiest pages read each time: a worker's profile, her report's
status by its code, a vacancy's applications). Django's
ORM turns each queryset into SQL anew on every call, and for a one-row lookup that compiling
costs several times more than running the query. A `CompiledLookup` is one such queryset,
filtered on the equality of one field or a few: its SQL, converters and row-to-object mapping
are made once per database connection by the ORM itself, then run with each new set of values.
It returns exactly the objects the same queryset would (the tests compare them on SQLite and
PostgreSQL), reads from the database the router chooses, and sees every write at once: nothing
is kept but the SQL.

A `CompiledInsert` does the same for the rows written on every message sent (the sealed
message and its delivery task): `obj.save(force_insert=True)`, with its INSERT compiled once.
"""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import connections, models, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]
from django.db.models.signals import post_save, pre_save
from django.db.models.sql import InsertQuery
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=models.Model)

# A text no real lookup uses: compiled in the value's place, then found among the parameters.
_TEXT_SENTINEL = "juntos-compiled-lookup-sentinel"


@dataclass(frozen=True)
class _Plan:
    sql: str
    positions: tuple[int, ...]  # where each looked-up value sits among the query's parameters
    params: tuple[Any, ...]
    compiler: SQLCompiler
    converters: dict[int, tuple[list[Any], Any]]
    init_list: tuple[str, ...]
    start: int
    end: int
    populators: list[Any]
    annotations: tuple[tuple[str, int], ...]  # (attribute, column) of each annotation
    ranges: tuple[tuple[int, int] | None, ...]  # what each integer column can hold


class CompiledLookup(Generic[M]):
    """`build(*values)` for the equality of one field or a few (select_related, only,
    order_by and annotations allowed), run with its SQL compiled once per connection.

    `field` names the field compared, or a tuple of them in the order `build` takes their
    values; a name may follow relations ("status_list__number"). `build` must filter on each
    with the value it is given, once, and take no other parameter that changes between calls.
    """

    def __init__(
        self,
        model: type[M],
        field: str | tuple[str, ...],
        build: Callable[..., models.QuerySet[M]],
    ):
        self.model = model
        names = (field,) if isinstance(field, str) else field
        self.fields: tuple[Any, ...] = tuple(_field(model, name) for name in names)
        self.build = build
        self._plans: weakref.WeakKeyDictionary[BaseDatabaseWrapper, _Plan] = (
            weakref.WeakKeyDictionary()
        )

    def _plan(self, connection: BaseDatabaseWrapper, alias: str) -> _Plan:
        plan = self._plans.get(connection)
        if plan is not None:
            return plan
        values = [_sentinel(field, number, connection) for number, field in enumerate(self.fields)]
        compiler = self.build(*values).query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        positions = []
        for field, value in zip(self.fields, values, strict=True):
            sentinel = _prepare(field, value, connection)
            found = [i for i, p in enumerate(params) if p == sentinel]
            if len(found) != 1:
                raise ValueError(f"{self.model.__name__}: the lookup must take each value once")
            positions.append(found[0])
        klass_info = compiler.klass_info
        assert klass_info is not None
        select = compiler.select
        fields = [s[0] for s in select[0 : compiler.col_count]]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        plan = _Plan(
            sql=sql,
            positions=tuple(positions),
            params=tuple(params),
            compiler=compiler,
            converters=compiler.get_converters(fields),
            init_list=tuple(f[0].target.attname for f in select[start:end]),
            start=start,
            end=end,
            populators=get_related_populators(klass_info, select, alias),
            annotations=tuple(compiler.annotation_col_map.items()),
            ranges=tuple(_range(field, connection) for field in self.fields),
        )
        self._plans[connection] = plan
        return plan

    def __call__(self, *values: Any) -> list[M]:
        statement = self._statement(values)
        return self._run(statement) if statement is not None else []

    def _run(self, statement: tuple[str, _Plan, list[Any]]) -> list[M]:
        alias, plan, params = statement
        with _cursor(connections[alias]) as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        return self._objects(alias, plan, rows)

    def _statement(self, values: tuple[Any, ...]) -> tuple[str, _Plan, list[Any]] | None:
        """The database, plan and parameters for these values; None if no row can match."""
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        plan = self._plan(connection, alias)
        params = list(plan.params)
        for position, field, value, held in zip(
            plan.positions, self.fields, values, plan.ranges, strict=True
        ):
            prepared = _prepare(field, value, connection)
            if held is not None and not held[0] <= prepared <= held[1]:
                return None  # as the ORM: no row holds a number its column cannot hold
            params[position] = prepared
        return alias, plan, params

    def _objects(self, alias: str, plan: _Plan, rows: Any) -> list[M]:
        if plan.converters:
            rows = plan.compiler.apply_converters(rows, plan.converters)
        found = []
        for row in rows:
            obj = self.model.from_db(alias, list(plan.init_list), row[plan.start : plan.end])
            for populator in plan.populators:
                populator.populate(row, obj)
            for name, column in plan.annotations:
                setattr(obj, name, row[column])
            found.append(obj)
        return found


class CompiledInsert(Generic[M]):
    """`insert(obj)` does what `obj.save(force_insert=True)` does for a new row whose primary
    key is set before it is saved (a UUID): the pre_save and post_save signals, each field's
    own pre_save (`auto_now_add`) and preparation for the database, on the database the router
    chooses, in the caller's transaction. Its INSERT is compiled by the ORM once per
    connection instead of on every save, which cost more than running it.

    For a model with no parents, no field the database fills in (`db_returning`) and no
    relation to an object that could still be unsaved.
    """

    def __init__(self, model: type[M]) -> None:
        meta = model._meta
        if meta.parents or meta.db_returning_fields or meta.auto_field is not None:
            raise ValueError(f"{model.__name__}: not a model whose rows are simply inserted")
        if any(field.is_relation for field in meta.local_concrete_fields):
            raise ValueError(f"{model.__name__}: a relation would need saved objects checked")
        self.model = model
        self.fields = tuple(meta.local_concrete_fields)
        self._sql: weakref.WeakKeyDictionary[BaseDatabaseWrapper, str] = weakref.WeakKeyDictionary()

    def __call__(self, obj: M) -> M:
        if obj.pk is None:
            raise ValueError(f"{self.model.__name__}: the primary key is set before inserting")
        using = router.db_for_write(self.model, instance=obj)
        connection = connections[using]
        origin = self.model
        pre_save.send(sender=origin, instance=obj, raw=False, using=using, update_fields=None)
        sql = self._sql.get(connection)
        if sql is None:  # compiled by the ORM from this object: its parameters are these
            sql, params = self._compile(obj, using)
        else:
            params = [
                field.get_db_prep_save(field.pre_save(obj, True), connection=connection)
                for field in self.fields
            ]
        with transaction.mark_for_rollback_on_error(using), _cursor(connection) as cursor:
            cursor.execute(sql, params)
        obj._state.adding = False
        obj._state.db = using
        post_save.send(
            sender=origin, instance=obj, created=True, update_fields=None, raw=False, using=using
        )
        return obj

    def _compile(self, obj: M, using: str) -> tuple[str, list[Any]]:
        query = InsertQuery(self.model)
        query.insert_values(list(self.fields), [obj])
        statements = query.get_compiler(using=using).as_sql()
        if len(statements) != 1 or len(statements[0][1]) != len(self.fields):
            raise ValueError(f"{self.model.__name__}: the INSERT does not take one value a field")
        sql, params = statements[0]
        self._sql[connections[using]] = sql
        return sql, list(params)


def run_together(*calls: tuple[CompiledLookup[Any], tuple[Any, ...]]) -> list[list[Any]]:
    """What each `lookup(*values)` returns, for several lookups a page needs at once.

    On PostgreSQL they are sent in one pipeline (libpq's pipeline mode, through psycopg 3):
    the page waits for the server once instead of once per lookup, which is most of what a
    small query costs there. Each is still its own query, counted as one by Django's query
    log, and sees every write made before it. Elsewhere (SQLite, where a query is a function
    call), or when the lookups read from different databases, or with
    `JUNTOS_DATABASE_PIPELINE` off, they run one after another.
    """
    statements = [lookup._statement(values) for lookup, values in calls]
    aliases = {statement[0] for statement in statements if statement is not None}
    alias = aliases.pop() if len(aliases) == 1 else None
    if alias is None or not _pipelines(connections[alias]):
        return [
            lookup._run(statement) if statement is not None else []
            for (lookup, _), statement in zip(calls, statements, strict=True)
        ]
    connection = connections[alias]
    connection.ensure_connection()
    cursors: list[Any] = []
    try:
        with connection.wrap_database_errors, connection.connection.pipeline():
            for statement in statements:
                cursor = None
                if statement is not None:
                    cursor = _cursor(connection)
                    cursor.execute(statement[1].sql, statement[2])
                cursors.append(cursor)
        found: list[list[Any]] = []
        for (lookup, _), statement, cursor in zip(calls, statements, cursors, strict=True):
            if statement is None or cursor is None:  # no row can match: nothing was sent
                found.append([])
            else:
                found.append(lookup._objects(alias, statement[1], cursor.fetchall()))
        return found
    finally:
        for cursor in cursors:
            if cursor is not None:
                cursor.close()


def _cursor(connection: BaseDatabaseWrapper) -> Any:
    """A cursor whose statements the database prepares, where the backend offers one
    (`juntos.core.postgresql`): a lookup's SQL is then planned once per connection."""
    prepared = getattr(connection, "prepared_cursor", None)
    return prepared() if prepared is not None else connection.cursor()


def _pipelines(connection: BaseDatabaseWrapper) -> bool:
    """Whether this connection sends several queries in one pipeline."""
    if connection.vendor != "postgresql" or not settings.JUNTOS_DATABASE_PIPELINE:
        return False
    import psycopg

    return bool(psycopg.Pipeline.is_supported())


def _field(model: type[models.Model], name: str) -> Any:
    """The field a name ends on, following relations ("status_list__number")."""
    *path, last = name.split("__")
    for part in path:
        related = model._meta.get_field(part).related_model
        assert isinstance(related, type), f"{name}: {part} is not a relation"
        model = related
    return model._meta.get_field(last)


def _range(field: Any, connection: BaseDatabaseWrapper) -> tuple[int, int] | None:
    kind = getattr(field, "target_field", field).get_internal_type()
    if kind.endswith(("IntegerField", "AutoField")):
        low, high = connection.ops.integer_field_range(kind)
        return (-(2**63) if low is None else low, 2**63 - 1 if high is None else high)
    return None


def _sentinel(field: Any, number: int, connection: BaseDatabaseWrapper) -> Any:
    """A value no real lookup uses, one per field of the lookup, of the field's kind. A number
    is the largest the column holds, less the field's place: Django compiles a value outside
    the column's range as a query that finds nothing, without a parameter."""
    kind = getattr(field, "target_field", field).get_internal_type()
    if kind.endswith(("IntegerField", "AutoField")):
        return connection.ops.integer_field_range(kind)[1] - number
    if kind == "UUIDField":  # version nibble f: no uuid4 the product makes
        return uuid.UUID(int=(1 << 128) - 1 - number)
    return f"{_TEXT_SENTINEL}-{number}"


def _prepare(field: Any, value: Any, connection: BaseDatabaseWrapper) -> Any:
    return field.get_db_prep_value(field.get_prep_value(value), connection, prepared=True)
