"""Every page and API operation of the funding app, and who may use it.

ben runs the program; amina's organisation (Fraser Valley) leads the application; its partner
is a non-profit no persona works for (its staff are tested in test_it_lets_only_partners_confirm);
ines reviews the call. dana (another non-profit), carl, rita, rosa and the operator see
nothing of anyone's application, review or project.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from juntos.funding import services
from juntos.funding.models import Application
from juntos.funding.tests import factories as f
from juntos.testing.access import EVERYONE, NOBODY, Access

BEN = frozenset({"ben"})
AMINA = frozenset({"amina"})
NONPROFIT_STAFF = frozenset({"amina", "dana"})  # each sees only her own organisation's
INES = frozenset({"ines"})


def _partner() -> Any:
    return f.organisation_with_staff(
        "pacific-migrant-services", "Pacific Migrant Services", "pat@pacificmigrant.example.org"
    )


def _call(p: Any) -> dict[str, Any]:
    return {"call_id": f.make_call(p).pk}


def _draft(p: Any, *, confirmed: bool = False) -> Application:
    return f.make_application(p, f.make_call(p), _partner(), confirmed=confirmed)


def _submitted(p: Any) -> Application:
    application = f.make_application(p, f.make_call(p), _partner(), submitted=True)
    services.reviewer_assign(actor=p.ben, call=application.call, reviewer=p.ines)
    return application


def _app(p: Any) -> dict[str, Any]:
    return {"application_id": _draft(p).pk}


def _ready(p: Any) -> dict[str, Any]:
    return {"application_id": _draft(p, confirmed=True).pk}


def _sent(p: Any) -> dict[str, Any]:
    return {"application_id": _submitted(p).pk}


def _partner_of(p: Any) -> dict[str, Any]:
    application = _draft(p)
    return {"application_id": application.pk, "partner_id": application.partners.get().pk}


def _line_of(p: Any) -> dict[str, Any]:
    application = _draft(p)
    return {"application_id": application.pk, "line_id": application.budget_lines.all()[0].pk}


def _project(p: Any) -> Any:
    today = timezone.localdate()
    return services.award_make(
        actor=p.ben,
        application=_submitted(p),
        amount=Decimal("20000.00"),
        starts_on=today,
        ends_on=today + dt.timedelta(days=200),
        milestones=[],
    )


def _project_id(p: Any) -> dict[str, Any]:
    return {"project_id": _project(p).pk}


def _report(p: Any) -> dict[str, Any]:
    return {"report_id": _project(p).reports.first().pk}


def _filed(p: Any) -> dict[str, Any]:
    report = _project(p).reports.first()
    indicator = report.project.application.call.indicators.get()
    services.report_file(
        actor=p.amina,
        report=report,
        narrative="Done.",
        actuals={indicator.pk: {"total": 3, "gender:woman": 3}},
    )
    return {"report_id": report.pk}


def _call_body(p: Any, kw: dict[str, Any]) -> dict[str, Any]:
    deadline = timezone.localtime(timezone.now() + dt.timedelta(days=9))
    return {
        "recommendations": [f.adopted_recommendation(p)],
        "title_en": "A call",
        "description_en": "About.",
        "amount": "1000",
        "currency": "CAD",
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M"),
        "time_zone": "America/Vancouver",
        "required_partners": "1",
        "reviews_needed": "1",
        "criteria": "100 Everything",
    }


ACCESS = [
    Access("funding:index", allow=EVERYONE, worker_page=True, key_page=True),
    Access("funding:call", allow=EVERYONE, kwargs=_call, worker_page=True, key_page=True),
    Access("funding:grants", allow=EVERYONE, worker_page=True),
    Access("funding:call_create", allow=BEN, key_page=True),
    Access("funding:call_create", method="POST", allow=BEN, data=_call_body),
    Access(
        "funding:application_start",
        method="POST",
        allow=AMINA,
        kwargs=_call,
        data=lambda p, kw: {"title": "Ours", "lead_organisation": f.fraser(p).pk},
        note="for an organisation one works for: dana cannot start one for amina's",
    ),
    Access("funding:applications", allow=NONPROFIT_STAFF, worker_page=True),
    Access(
        "funding:application",
        allow=AMINA,
        kwargs=_app,
        worker_page=True,
        key_page=True,
        note="a draft: its lead and partners only; the coordinator once it is submitted",
    ),
    Access(
        "funding:application",
        method="POST",
        allow=AMINA,
        kwargs=_app,
        data=lambda p, kw: {"title": "Renamed", "summary": "", "lead_share": "12000.00"},
    ),
    Access(
        "funding:partner_add",
        method="POST",
        allow=AMINA,
        kwargs=_app,
        data=lambda p, kw: {
            "organisation": f.organisation_with_staff(
                "second-partner", "Second Partner", "second@partner.example.org"
            ).organisation.pk,
            "share": "0",
        },
    ),
    Access("funding:partner_remove", method="POST", allow=AMINA, kwargs=_partner_of),
    Access(
        "funding:partner_answer",
        method="POST",
        allow=NOBODY,
        kwargs=_partner_of,
        data=lambda p, kw: {"answer": "confirm"},
        note="only the partner's own staff (no persona works there)",
    ),
    Access(
        "funding:line_add",
        method="POST",
        allow=AMINA,
        kwargs=_app,
        data=lambda p, kw: {
            "category": "travel",
            "description": "Bus",
            "amount": "10",
            "currency": "CAD",
        },
    ),
    Access("funding:line_remove", method="POST", allow=AMINA, kwargs=_line_of),
    Access("funding:submit", method="POST", allow=AMINA, kwargs=_ready),
    Access("funding:board", allow=BEN, kwargs=_call),
    Access("funding:award", allow=BEN, kwargs=_sent),
    Access("funding:reviews", allow=INES, kwargs=lambda p: (_submitted(p), {})[1]),
    Access(
        "funding:review",
        allow=INES,
        kwargs=_sent,
        note="assigned reviewers only; the applicants never see who reviews",
    ),
    Access("funding:projects", allow=frozenset({"amina", "ben", "dana"}), kwargs=lambda p: {}),
    Access("funding:project", allow=frozenset({"amina", "ben"}), kwargs=_project_id),
    Access("funding:report_file", allow=AMINA, kwargs=_report),
    Access("funding:report_approve", method="POST", allow=BEN, kwargs=_filed),
    Access(
        "funding:report_skip",
        method="POST",
        allow=BEN,
        kwargs=_report,
        data=lambda p, kw: {"reason": "The project paused for the harvest."},
    ),
    Access("GET /api/funding/calls", allow=EVERYONE),
    Access("GET /api/funding/applications", allow=NONPROFIT_STAFF),
    Access("GET /api/funding/reviews", allow=INES, kwargs=lambda p: (_submitted(p), {})[1]),
    Access("GET /api/funding/360giving.json", allow=EVERYONE),
]
