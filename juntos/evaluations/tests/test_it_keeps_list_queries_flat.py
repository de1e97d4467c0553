"""Every list page and list endpoint runs the same number of queries for 2 rows as for 10."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from juntos.evaluations.tests.factories import (
    another_worker,
    carl_evaluates,
    liaison_key,
    season,
    unlocked_cookie,
)
from juntos.evaluations.views._common import UNLOCK_COOKIE
from juntos.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _carls_seasons(evaluated: bool, carl: Any) -> Any:
    def add(n: int) -> None:
        for _ in range(n):
            engagement = season(another_worker())
            if evaluated:
                carl_evaluates(carl, engagement)

    return add


@pytest.mark.parametrize("evaluated", [False, True])
def test_the_employers_list_and_endpoint(personas, evaluated):
    liaison_key()
    client = personas.client_for("carl")
    for url in ("/en/evaluations/workers/", "/api/evaluations/to-evaluate"):
        assert_queries_do_not_grow(
            add_items=_carls_seasons(evaluated, personas.carl),
            fetch=functools.partial(client.get, url),
            limit=12,
        )


def test_her_seasons(personas):
    liaison_key()
    years = iter(range(1990, 2030))

    def add(n: int) -> None:
        for _ in range(n):
            season(personas.rosa, year=next(years))

    client = personas.client_for("rosa")
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get("/en/evaluations/mine/"), limit=12
    )


@pytest.mark.parametrize("unlocked", [False, True])
def test_the_liaisons_list_and_endpoint(personas, lupe, lupe_client, unlocked):
    if unlocked:
        lupe_client.cookies[UNLOCK_COOKIE] = unlocked_cookie()
    for url in ("/en/evaluations/liaison/", "/api/evaluations/sealed"):
        assert_queries_do_not_grow(
            add_items=_carls_seasons(True, personas.carl),
            fetch=functools.partial(lupe_client.get, url),
            limit=12,
        )
