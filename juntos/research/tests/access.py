"""Every page and API operation of the research app, and who may use it.

ben, the network's coordinator, approves projects, requests extracts and issues links; nobody
else sees a project, however senior in her own organisation. A download link works for whoever
holds it (the researcher need not have an account) until it expires. The labour-need figures
are public.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import TestCase

from juntos.research import services
from juntos.research.tests.factories import approved_project, population
from juntos.testing.access import EVERYONE, SIGNED_IN, Access

BEN = frozenset({"ben"})


def _project(p: Any) -> dict[str, Any]:
    return {"project_id": approved_project(p, variables=["gender", "province"]).pk}


def _ready_extract(p: Any) -> Any:
    population(30, 1)
    project = approved_project(p, variables=["gender"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        extract = services.extract_request(actor=p.ben, project=project)
    extract.refresh_from_db()
    return extract


def _extract(p: Any) -> dict[str, Any]:
    return {"extract_id": _ready_extract(p).pk}


def _token(p: Any) -> dict[str, Any]:
    link = services.link_issue(actor=p.ben, extract=_ready_extract(p))
    return {"token": services.link_token(link)}


ACCESS = [
    Access("research:projects", allow=BEN),
    Access("research:project_new", allow=BEN),
    Access(
        "research:project_new",
        method="POST",
        allow=BEN,
        data=lambda p, kw: {
            "title": "Mobility",
            "purpose": "Who moves where.",
            "ethics_reference": "REB-1",
            "expires_on": (dt.date.today() + dt.timedelta(days=90)).isoformat(),
            "variables": ["gender"],
        },
    ),
    Access("research:project", allow=BEN, kwargs=_project),
    Access(
        "research:extract_new", method="POST", allow=BEN, kwargs=_project, data=lambda p, kw: {}
    ),
    Access("research:link_new", method="POST", allow=BEN, kwargs=_extract),
    Access(
        "research:download",
        allow=EVERYONE,
        kwargs=_token,
        note="a link is a bearer token for the researcher; it expires and every use is audited",
    ),
    Access("research:labour_need", allow=EVERYONE, key_page=True),
    Access("GET /api/research/labour-need", allow=EVERYONE),
    Access("GET /api/research/labour-need/csv", allow=EVERYONE),
    Access(
        "GET /api/research/projects",
        allow=SIGNED_IN,
        note="answers everyone signed in with only what they may see: an empty list but for ben",
    ),
    Access(
        "POST /api/research/projects/{project_id}/extracts",
        allow=BEN,
        kwargs=_project,
        data=lambda p, kw: {"variables": ["gender"]},
    ),
]
