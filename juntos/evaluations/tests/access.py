"""Every page and API operation of the evaluations app, and who may use it.

No persona belongs to a consulate, so the liaison's rows allow nobody here; lupe, the liaison,
is tested in the app's own tests (unlock, reading, watching)."""

from __future__ import annotations

from typing import Any

from juntos.evaluations.selectors import first_evaluation
from juntos.evaluations.tests.factories import carl_evaluates, liaison_key, season
from juntos.testing.access import NOBODY, SIGNED_IN, Access

CARL = frozenset({"carl"})
ROSA = frozenset({"rosa"})


def _rosa_season(p: Any) -> dict[str, int]:
    liaison_key()
    return {"engagement_id": season(p.rosa).pk}


def _rosa_about_housing(p: Any) -> dict[str, Any]:
    return {**_rosa_season(p), "about": "housing"}


def _sealed(p: Any) -> dict[str, int]:
    engagement = season(p.rosa)
    found = first_evaluation(engagement.pk, "employer-of-worker")
    return {"evaluation_id": (found or carl_evaluates(p.carl, engagement)).pk}


def _carl_answers(p: Any, kw: dict[str, Any]) -> dict[str, str]:
    return {"would_rehire": "yes", "return_on": "2027-04-01", "conduct": "4", "skills": "4"}


ACCESS = [
    Access(
        "evaluations:to_evaluate",
        allow=CARL,
        kwargs=lambda p: _rosa_season(p) and {},
        note="members of an employer: its seasons, never what was sent",
    ),
    Access("evaluations:employer_form", allow=CARL, kwargs=_rosa_season),
    Access(
        "evaluations:employer_form",
        method="POST",
        allow=CARL,
        kwargs=_rosa_season,
        data=_carl_answers,
        note="the employer of the season seals it; nobody else can write it",
    ),
    Access(
        "evaluations:my_seasons",
        allow=SIGNED_IN,
        kwargs=lambda p: _rosa_season(p) and {},
        worker_page=True,
        key_page=True,
        note="each sees only her own seasons (empty for everyone but rosa)",
    ),
    Access(
        "evaluations:worker_form",
        allow=ROSA,
        kwargs=_rosa_about_housing,
        worker_page=True,
        key_page=True,
    ),
    Access(
        "evaluations:worker_form",
        method="POST",
        allow=ROSA,
        kwargs=_rosa_about_housing,
        data=lambda p, kw: {"housing": "3", "enough_space": "yes"},
        note="only the worker herself; her employer gets 404",
    ),
    Access("evaluations:liaison", allow=NOBODY, note="consulate members only (tested with lupe)"),
    Access("evaluations:unlock", allow=NOBODY, note="consulate members only (tested with lupe)"),
    Access(
        "evaluations:unlock",
        method="POST",
        allow=NOBODY,
        data=lambda p, kw: {"passphrase": "a-guess-at-the-passphrase"},
    ),
    Access("evaluations:lock", method="POST", allow=NOBODY),
    Access(
        "evaluations:read",
        allow=NOBODY,
        kwargs=_sealed,
        note="never the employer who wrote it; lupe with her unlock only",
    ),
    Access("evaluations:watch", method="POST", allow=NOBODY, kwargs=_sealed),
    Access("GET /api/evaluations/to-evaluate", allow=CARL, kwargs=lambda p: _rosa_season(p) and {}),
    Access("GET /api/evaluations/sealed", allow=NOBODY, kwargs=lambda p: _sealed(p) and {}),
]
