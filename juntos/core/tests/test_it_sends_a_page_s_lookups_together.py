"""Several compiled lookups a page needs at once: the same objects each would return alone,
each still a query of its own in Django's log, and on PostgreSQL all sent in one pipeline."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from juntos.accounts.models import Membership, User
from juntos.core.compiled import CompiledLookup, run_together

pytestmark = pytest.mark.django_db

_users = CompiledLookup(User, "id", lambda pk: User.objects.filter(pk=pk))
_memberships = CompiledLookup(
    Membership,
    "user",
    lambda user: Membership.objects.filter(user=user).select_related("organisation"),
)


def fields(obj: Any) -> dict[str, Any]:
    return {k: v for k, v in obj.__dict__.items() if not k.startswith("_")}


def _in_pipeline(modes: list[bool]) -> Any:
    """A query wrapper that notes, for each query, whether libpq was in pipeline mode."""

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        status = connection.connection.pgconn.pipeline_status
        modes.append(bool(status))
        return execute(sql, params, many, context)

    return wrapper


def test_together_it_returns_what_each_lookup_returns_alone(personas):
    for person in personas.people.values():
        users, memberships, nobody = run_together(
            (_users, (person.pk,)), (_memberships, (person.pk,)), (_users, (10**30,))
        )
        assert [fields(u) for u in users] == [fields(u) for u in _users(person.pk)]
        alone = _memberships(person.pk)
        assert [fields(m) for m in memberships] == [fields(m) for m in alone]
        assert [fields(m.organisation) for m in memberships] == [
            fields(m.organisation) for m in alone
        ]
        assert nobody == []  # a value no column can hold finds nothing, with no query


def test_each_lookup_is_still_one_query_and_sees_the_writes_before_it(personas):
    User.objects.filter(pk=personas.rosa.pk).update(display_name="Rosa H.")
    with CaptureQueriesContext(connection) as queries:
        users, memberships = run_together(
            (_users, (personas.rosa.pk,)), (_memberships, (personas.rosa.pk,))
        )
    assert len(queries.captured_queries) == 2
    assert users[0].display_name == "Rosa H."
    assert len(memberships) == len(_memberships(personas.rosa.pk))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pipelines are PostgreSQL's")
def test_on_postgresql_they_go_in_one_pipeline_unless_it_is_turned_off(personas, settings):
    modes: list[bool] = []
    with connection.execute_wrapper(_in_pipeline(modes)):
        run_together((_users, (personas.rosa.pk,)), (_memberships, (personas.rosa.pk,)))
        assert modes == [True, True]
        _users(personas.rosa.pk)
        assert modes[-1] is False  # alone, a lookup runs as before
        settings.JUNTOS_DATABASE_PIPELINE = False
        run_together((_users, (personas.rosa.pk,)), (_memberships, (personas.rosa.pk,)))
    assert modes[-2:] == [False, False]
    assert connection.connection.pgconn.pipeline_status == 0  # the connection is left as found


def test_a_failing_lookup_raises_a_database_error_and_the_connection_still_works(personas):
    broken = CompiledLookup(User, "id", lambda pk: User.objects.filter(pk=pk))
    wrapper = connections["default"]
    plan = broken._plan(wrapper, "default")
    broken._plans[wrapper] = type(plan)(
        **{**plan.__dict__, "sql": plan.sql.replace('"accounts_user"', '"no_such_table"', 1)}
    )
    with pytest.raises(DatabaseError), transaction.atomic():  # rolled back as any failed query
        run_together((_users, (personas.rosa.pk,)), (broken, (personas.rosa.pk,)))
    assert _users(personas.rosa.pk)[0].pk == personas.rosa.pk


def _prepared_on_this_connection() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def _newest_first(role: str) -> CompiledLookup[Membership]:
    """A lookup whose SQL no other test runs (prepared statements outlive a test)."""
    return CompiledLookup(
        Membership,
        "user",
        lambda user: Membership.objects.filter(user=user, role=role).order_by("-id"),
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_on_postgresql_a_lookup_is_a_statement_prepared_once_unless_that_is_turned_off(
    personas, settings
):
    role = Membership.objects.filter(user=personas.amina).values_list("role", flat=True)[0]
    lookup = _newest_first(role)

    def prepared(marker: str) -> list[str]:
        return [s for s in _prepared_on_this_connection() if marker in s and "$1" in s]

    with CaptureQueriesContext(connection) as queries:
        for person in (personas.rosa, personas.amina, personas.rosa):
            alone = list(Membership.objects.filter(user=person, role=role).order_by("-id"))
            together = run_together((lookup, (person.pk,)), (_users, (person.pk,)))[0]
            assert [fields(m) for m in together] == [fields(m) for m in alone]
            assert [fields(m) for m in lookup(person.pk)] == [fields(m) for m in alone]
    assert len(queries.captured_queries) == 12  # each still logged as a query of its own
    assert len(prepared('ORDER BY "accounts_membership"."id" DESC')) == 1  # once, run six times
    settings.JUNTOS_DATABASE_PREPARE = False
    other = CompiledLookup(
        Membership,
        "user",
        lambda user: Membership.objects.filter(user=user).order_by("-created_at"),
    )
    other(personas.rosa.pk)
    run_together((other, (personas.rosa.pk,)), (_users, (personas.rosa.pk,)))
    assert prepared('ORDER BY "accounts_membership"."created_at" DESC') == []
