"""The funding program's JSON API: public calls and grants, one's own applications, the
reviewer's queue. Reviewers are never named to applicants."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Router, Schema
from ninja.security import django_auth

from juntos.funding import selectors
from juntos.funding.giving import grants_package

router = Router(tags=["funding"])


class FundingCallOut(Schema):
    id: int
    title: str
    title_language: str
    amount: Decimal
    currency: str
    deadline: dt.datetime
    time_zone: str
    required_partners: int
    status: str


class FundingApplicationOut(Schema):
    id: int
    call_id: int
    title: str
    status: str
    lead_organisation: str
    partners_confirmed: int
    partners: int
    budget_total: Decimal


class FundingQueueOut(Schema):
    application_id: int
    call_id: int
    title: str
    review_status: str


def _call_row(call: object, language: str) -> dict[str, object]:
    shown = selectors.call_text(call, "title", language)  # type: ignore[arg-type]
    return {
        "id": call.pk,  # type: ignore[attr-defined]
        "title": shown.text,
        "title_language": shown.language,
        "amount": call.amount,  # type: ignore[attr-defined]
        "currency": call.currency,  # type: ignore[attr-defined]
        "deadline": selectors.deadline_local(call),  # type: ignore[arg-type]
        "time_zone": call.time_zone,  # type: ignore[attr-defined]
        "required_partners": call.required_partners,  # type: ignore[attr-defined]
        "status": call.status,  # type: ignore[attr-defined]
    }


@router.get("/calls", response=list[FundingCallOut], summary="Every call for proposals")
def calls(request: HttpRequest, language: str = "") -> list[dict[str, object]]:
    chosen = language if language in ("en", "es", "fr") else translation.get_language() or "en"
    return [_call_row(c, chosen) for c in selectors.calls_listed()[:200]]


@router.get(
    "/applications",
    response=list[FundingApplicationOut],
    auth=django_auth,
    summary="The applications one's organisations lead or partner in",
)
def applications(request: HttpRequest) -> list[dict[str, object]]:
    found = list(selectors.applications_for(request.user)[:200])
    names = selectors.organisation_names({a.lead_organisation_id for a in found})
    return [
        {
            "id": a.pk,
            "call_id": a.call_id,
            "title": a.title,
            "status": a.status,
            "lead_organisation": names.get(a.lead_organisation_id, ""),
            "partners_confirmed": sum(1 for p in a.partners.all() if p.status == "confirmed"),
            "partners": len(a.partners.all()),
            "budget_total": selectors.budget_total(a),
        }
        for a in found
    ]


@router.get(
    "/reviews",
    response=list[FundingQueueOut],
    auth=django_auth,
    summary="The reviewer's queue of submitted applications",
)
def reviews(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "application_id": row.application.pk,
            "call_id": row.application.call_id,
            "title": row.application.title,
            "review_status": row.review.status if row.review else "declaring",
        }
        for row in selectors.review_queue_for(request.user)
    ]


@router.get(
    "/360giving.json",
    summary="Awarded grants as a 360Giving data package",
)
def giving_package(request: HttpRequest) -> HttpResponse:
    package = grants_package(base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(
        json.dumps(package, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = 'inline; filename="juntos-360giving.json"'
    return response
