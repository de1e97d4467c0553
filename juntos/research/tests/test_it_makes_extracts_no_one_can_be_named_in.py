"""Research extracts: consenting workers only, a pseudonym per project, k ≥ 10 and l ≥ 2
checked with an independent library (pycanon), every download audited."""

from __future__ import annotations

import csv
import io
from typing import Any

import pandas as pd
import pytest
from django.test import Client, TestCase
from pycanon import anonymity as canon

from juntos.core.models import AuditEntry
from juntos.research import services
from juntos.research.extracts import Layout
from juntos.research.models import Extract
from juntos.research.tests.factories import ALL_VARIABLES, approved_project, population
from juntos.testing.personas import logged_in_client

pytestmark = pytest.mark.django_db


def _download(personas: Any, extract: Extract) -> list[dict[str, str]]:
    link = services.link_issue(actor=personas.ben, extract=extract)
    response = Client().get(f"/en/research/download/{services.link_token(link)}/")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _extract(personas: Any, project: Any, variables: list[str] | None = None) -> Extract:
    with TestCase.captureOnCommitCallbacks(execute=True):  # the task runs on commit
        extract = services.extract_request(actor=personas.ben, project=project, variables=variables)
    extract.refresh_from_db()
    assert extract.status == "ready"
    return extract


def test_an_extract_is_k_anonymous_and_l_diverse_by_an_independent_check(personas):
    population(600, 4)
    project = approved_project(personas)
    extract = _extract(personas, project)
    rows = _download(personas, extract)
    layout = Layout.of(ALL_VARIABLES)
    frame = pd.DataFrame(rows)
    quasi = list(layout.quasi)
    assert len(rows) == extract.rows > 0
    assert canon.k_anonymity(frame, quasi) >= 10
    assert canon.l_diversity(frame, quasi, list(layout.sensitive)) >= 2
    assert extract.smallest_class >= 10 and extract.diversity >= 2
    assert extract.rows + extract.suppressed_rows == 600 * 4
    assert extract.workers == 600


def test_only_workers_who_said_yes_are_in_it(personas):
    population(300, 3, seed=1)
    population(50, 3, seed=2, consent=False)
    project = approved_project(personas, variables=["gender", "province"])
    extract = _extract(personas, project)
    assert extract.workers == 300
    assert extract.rows + extract.suppressed_rows == 900


def test_two_projects_pseudonyms_cannot_be_joined(personas):
    population(300, 3)
    first = _download(personas, _extract(personas, approved_project(personas, title="One")))
    second = _download(personas, _extract(personas, approved_project(personas, title="Two")))
    assert {r["pseudonym"] for r in first}.isdisjoint({r["pseudonym"] for r in second})
    # Within one project a worker keeps her pseudonym across seasons: it is longitudinal.
    seasons = pd.DataFrame(first).groupby("pseudonym")["season"].nunique()
    assert seasons.max() > 1


def test_the_extract_carries_no_name_or_employer(personas):
    population(300, 3)
    extract = _extract(personas, approved_project(personas))
    link = services.link_issue(actor=personas.ben, extract=extract)
    content = Client().get(f"/en/research/download/{services.link_token(link)}/").content
    assert b"Worker 7-" not in content and b"Farm " not in content
    assert b"Worker 7-" not in bytes(Extract.objects.get(pk=extract.pk).content)  # encrypted


def test_every_download_is_audited(personas):
    population(200, 2)
    extract = _extract(personas, approved_project(personas, variables=["gender"]))
    before = AuditEntry.objects.filter(action="research.extract_downloaded").count()
    _download(personas, extract)
    _download(personas, extract)
    assert AuditEntry.objects.filter(action="research.extract_downloaded").count() == before + 2


def test_rows_that_stand_out_are_left_out_and_counted(personas):
    population(40, 1)  # too few for every class to reach ten
    extract = _extract(personas, approved_project(personas))
    assert extract.rows + extract.suppressed_rows == 40
    rows = _download(personas, extract) if extract.rows else []
    if rows:
        frame = pd.DataFrame(rows)
        assert canon.k_anonymity(frame, list(Layout.of(ALL_VARIABLES).quasi)) >= 10


def test_ben_approves_requests_and_downloads_from_the_pages(personas):
    population(200, 2)
    ben = logged_in_client(personas.ben)
    response = ben.post(
        "/en/research/projects/new/",
        {
            "title": "Return and mobility",
            "purpose": "Who comes back, and where to.",
            "ethics_reference": "REB-77",
            "expires_on": "2099-01-01",
            "variables": ["gender", "province", "employer_change"],
        },
    )
    assert response.status_code == 400  # five years at most
    assert "five years" in response.content.decode()
    response = ben.post(
        "/en/research/projects/new/",
        {
            "title": "Return and mobility",
            "purpose": "Who comes back, and where to.",
            "ethics_reference": "REB-77",
            "expires_on": "2027-06-30",
            "variables": ["gender", "province", "employer_change"],
        },
    )
    assert response.status_code == 302
    page = response["Location"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = ben.post(page + "extracts/", {})
    assert response.status_code == 302
    extract = Extract.objects.get()
    response = ben.post(f"/en/research/extracts/{extract.pk}/links/")
    assert response.status_code == 302
    detail = ben.get(page).content.decode()
    assert "/research/download/" in detail and "REB-77" in detail


def test_a_sensitive_field_with_one_value_cannot_be_diverse_so_nothing_is_released(personas):
    population(200, 2)  # nobody has completed a course: one value for everyone
    project = approved_project(personas, variables=["gender", "courses_completed"])
    extract = _extract(personas, project)
    assert (extract.rows, extract.suppressed_rows) == (0, 400)
    page = logged_in_client(personas.ben).get(f"/en/research/projects/{project.pk}/")
    assert "400" in page.content.decode()
