"""Rows read on every signed-in request, with their SQL compiled once per connection.

The session, the signed-in person and her memberships are read on every page she opens. Django's
ORM turns each queryset into SQL anew on every call, and for a one-row lookup that compiling
costs several times more than running the query. A `CompiledLookup` is one such queryset,
filtered on one field's equality: its SQL, converters and row-to-object mapping are made once
per database connection by the ORM itself, then run with each new value. It returns exactly the
objects the same queryset would (the tests compare them on SQLite and PostgreSQL), reads from
the database the router chooses, and sees every write at once: nothing is kept but the SQL.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]
from django.db.models.sql.compiler import SQLCompiler

M = TypeVar("M", bound=models.Model)

# Values no real lookup uses: compiled in the value's place, then found among the parameters.
_TEXT_PLACEHOLDER = "juntos-compiled-lookup-placeholder"
_NUMBER_PLACEHOLDER = -987_654_321


@dataclass(frozen=True)
class _Plan:
    sql: str
    position: int  # where the looked-up value sits among the query's parameters
    params: tuple[Any, ...]
    compiler: SQLCompiler
    converters: dict[int, tuple[list[Any], Any]]
    init_list: tuple[str, ...]
    start: int
    end: int
    populators: list[Any]


class CompiledLookup(Generic[M]):
    """`build(value)` for one field's equality (select_related and order_by allowed), run with
    its SQL compiled once per connection.

    `field` is the model field compared; `build` must filter on it with the value it is given
    and take no other parameter that changes from call to call.
    """

    def __init__(self, model: type[M], field: str, build: Callable[[Any], models.QuerySet[M]]):
        self.model = model
        self.field: Any = model._meta.get_field(field)
        self.build = build
        self._plans: weakref.WeakKeyDictionary[BaseDatabaseWrapper, _Plan] = (
            weakref.WeakKeyDictionary()
        )

    def _plan(self, connection: BaseDatabaseWrapper, alias: str) -> _Plan:
        plan = self._plans.get(connection)
        if plan is not None:
            return plan
        value = (
            _NUMBER_PLACEHOLDER
            if getattr(self.field, "target_field", self.field)
            .get_internal_type()
            .endswith(("IntegerField", "AutoField"))
            else _TEXT_PLACEHOLDER
        )
        placeholder = self._prepare(value, connection)
        compiler = self.build(value).query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        positions = [i for i, p in enumerate(params) if p == placeholder]
        if len(positions) != 1:
            raise ValueError(f"{self.model.__name__}: the lookup must take its value once")
        klass_info = compiler.klass_info
        assert klass_info is not None
        select = compiler.select
        fields = [s[0] for s in select[0 : compiler.col_count]]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        plan = _Plan(
            sql=sql,
            position=positions[0],
            params=tuple(params),
            compiler=compiler,
            converters=compiler.get_converters(fields),
            init_list=tuple(f[0].target.attname for f in select[start:end]),
            start=start,
            end=end,
            populators=get_related_populators(klass_info, select, alias),
        )
        self._plans[connection] = plan
        return plan

    def _prepare(self, value: Any, connection: BaseDatabaseWrapper) -> Any:
        return self.field.get_db_prep_value(
            self.field.get_prep_value(value), connection, prepared=True
        )

    def __call__(self, value: Any) -> list[M]:
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        plan = self._plan(connection, alias)
        params = list(plan.params)
        params[plan.position] = self._prepare(value, connection)
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows: Any = cursor.fetchall()
        if plan.converters:
            rows = plan.compiler.apply_converters(rows, plan.converters)
        found = []
        for row in rows:
            obj = self.model.from_db(alias, list(plan.init_list), row[plan.start : plan.end])
            for populator in plan.populators:
                populator.populate(row, obj)
            found.append(obj)
        return found
