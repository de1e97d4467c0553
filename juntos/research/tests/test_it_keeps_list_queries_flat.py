"""The research lists run the same number of queries for 2 rows as for 10."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import TestCase

from juntos.research import services
from juntos.research.tests.factories import approved_project, population
from juntos.testing.personas import logged_in_client
from juntos.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _projects(personas: Any) -> Any:
    return lambda n: [approved_project(personas, title=f"Study {i}") for i in range(n)]


def test_the_projects_page(personas):
    ben = logged_in_client(personas.ben)
    assert_queries_do_not_grow(
        add_items=_projects(personas), fetch=lambda: ben.get("/en/research/projects/"), limit=14
    )


def test_the_projects_endpoint(personas):
    ben = logged_in_client(personas.ben)
    assert_queries_do_not_grow(
        add_items=_projects(personas), fetch=lambda: ben.get("/api/research/projects"), limit=10
    )


def test_a_projects_extracts_and_links(personas):
    population(30, 1)
    project = approved_project(personas, variables=["gender"])
    ben = logged_in_client(personas.ben)

    def add(n: int) -> None:
        for _ in range(n):
            with TestCase.captureOnCommitCallbacks(execute=True):
                extract = services.extract_request(actor=personas.ben, project=project)
            extract.refresh_from_db()
            services.link_issue(actor=personas.ben, extract=extract)

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: ben.get(f"/en/research/projects/{project.pk}/"), limit=16
    )


def test_the_labour_need_page_and_api(personas):
    from juntos.opportunities.tests.factories import published_vacancy

    def add(n: int) -> None:
        import datetime as dt

        for i in range(n):
            published_vacancy(
                occupation="85101",
                province=["BC", "ON", "QC", "AB", "NS"][i % 5],
                starts_on=dt.date(2026, 6, 1 + i),
            )

    from django.test import Client

    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: Client().get("/api/research/labour-need?month=2026-06"),
        limit=8,
    )
