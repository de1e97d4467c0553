"""The registry's JSON API: public look-ups, and review submission for signed-in workers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import django_auth

from juntos.registry import selectors, services
from juntos.registry.models import Employer, Recruiter, Review

router = Router(tags=["registry"])


class SiteOut(Schema):
    id: int
    employer_name: str
    site_name: str
    province: str


class LicenceOut(Schema):
    province: str
    number: str
    status: str
    expires_on: dt.date | None
    in_good_standing: bool
    conditions: str
    source: str
    source_date: dt.date | None


class RecruiterOut(Schema):
    slug: str
    name: str
    business_name: str
    licences: list[LicenceOut]


class EmployerOut(Schema):
    slug: str
    legal_name: str
    operating_name: str
    programs: list[str]
    sites: list[SiteOut]
    on_noncompliant_list: bool


class RecordOut(Schema):
    listed_name: str
    address: str
    reasons: str
    decision_date: dt.date
    penalty: str
    status: str
    source: str
    source_date: dt.date


class ReviewOut(Schema):
    """A published review. There is no author field, by design."""

    site_id: int
    season: int
    fee_charged: str
    contract_matched: int
    paid_on_time: int
    housing: int | None
    respect_safety: int
    text: str
    employer_reply: str  # empty until a moderator approves the employer's reply


class EmployerDetailOut(EmployerOut):
    records: list[RecordOut]
    reviews: list[ReviewOut]


class ReviewIn(Schema):
    season: int
    fee_charged: str
    contract_matched: int
    paid_on_time: int
    respect_safety: int
    housing: int | None = None
    text: str = ""


class RecruiterReviewOut(Schema):
    """A published review of a recruiter. There is no author field, by design."""

    season: int
    fee_charged: str
    promise_kept: int
    explained_clearly: int
    respect: int
    text: str


class RecruiterDetailOut(RecruiterOut):
    reviews: list[RecruiterReviewOut]


class RecruiterReviewIn(Schema):
    season: int
    fee_charged: str
    promise_kept: int
    explained_clearly: int
    respect: int
    text: str = ""


class ReviewSubmittedOut(Schema):
    status: str


def _employer(entry: Employer) -> dict[str, Any]:
    return {
        "slug": entry.slug,
        "legal_name": entry.legal_name,
        "operating_name": entry.operating_name,
        "programs": entry.programs,
        "sites": [
            {
                "id": s.pk,
                "employer_name": entry.display_name,
                "site_name": s.name,
                "province": s.province,
            }
            for s in entry.sites.all()
        ],
        "on_noncompliant_list": bool(entry.noncompliance_records.all()),
    }


def _recruiter(entry: Recruiter) -> dict[str, Any]:
    return {
        "slug": entry.slug,
        "name": entry.name,
        "business_name": entry.business_name,
        "licences": [
            {
                "province": lic.province,
                "number": lic.number,
                "status": lic.status,
                "expires_on": lic.expires_on,
                "in_good_standing": lic.in_good_standing,
                "conditions": lic.conditions,
                "source": lic.source_import.source if lic.source_import else "",
                "source_date": lic.source_import.source_date if lic.source_import else None,
            }
            for lic in entry.licences.all()
        ],
    }


def _review(review: Review) -> dict[str, Any]:
    # Only an approved reply is public; the selector prefetches nothing else.
    reply = next(iter(review.approved_replies), None)  # type: ignore[attr-defined]
    return {
        "site_id": review.site_id,
        "season": review.season,
        "fee_charged": review.fee_charged,
        "contract_matched": review.contract_matched,
        "paid_on_time": review.paid_on_time,
        "housing": review.housing,
        "respect_safety": review.respect_safety,
        "text": review.text,
        "employer_reply": reply.body if reply else "",
    }


@router.get("/sites", response=list[SiteOut], summary="Employer sites matching a name")
def sites(request: HttpRequest, q: str = "", province: str = "") -> list[Any]:
    return selectors.search_employer_sites(q[:120], province=province[:2], limit=20)


@router.get("/employers", response=list[EmployerOut], summary="Employers matching a name")
def employers(request: HttpRequest, q: str = "", province: str = "") -> list[dict[str, Any]]:
    return [_employer(e) for e in selectors.search_employers(q[:120], province=province[:2])]


@router.get("/employers/{slug}", response=EmployerDetailOut, summary="One employer")
def employer(request: HttpRequest, slug: str) -> dict[str, Any]:
    entry = selectors.employer_by_slug(slug)
    records = [
        {
            "listed_name": r.listed_name,
            "address": r.address,
            "reasons": r.reasons,
            "decision_date": r.decision_date,
            "penalty": r.penalty,
            "status": r.status,
            "source": r.source_import.source,
            "source_date": r.source_import.source_date,
        }
        for r in entry.noncompliance_records.all()
    ]
    reviews = [_review(r) for r in entry.published_reviews]  # type: ignore[attr-defined]
    return {**_employer(entry), "records": records, "reviews": reviews}


@router.get("/recruiters", response=list[RecruiterOut], summary="Recruiters matching a name")
def recruiters(request: HttpRequest, q: str = "", province: str = "") -> list[dict[str, Any]]:
    return [_recruiter(r) for r in selectors.search_recruiters(q[:120], province=province[:2])]


@router.get(
    "/recruiters/{slug}",
    response=RecruiterDetailOut,
    summary="One recruiter, its licences and its published reviews",
)
def recruiter(request: HttpRequest, slug: str) -> dict[str, Any]:
    entry = selectors.recruiter_by_slug(slug)
    fields = ("season", "fee_charged", "promise_kept", "explained_clearly", "respect", "text")
    reviews = [
        {name: getattr(review, name) for name in fields}
        for review in entry.published_reviews  # type: ignore[attr-defined]
    ]
    return {**_recruiter(entry), "reviews": reviews}


@router.post(
    "/recruiters/{slug}/reviews",
    response={201: ReviewSubmittedOut},
    auth=django_auth,
    summary="Send a review of a recruiter for moderation (workers only)",
)
def recruiter_review_create(
    request: HttpRequest, slug: str, payload: RecruiterReviewIn
) -> Status[dict]:
    try:
        entry = selectors.get_recruiter_to_review_for(request.user, slug)
    except PermissionDenied as error:
        raise HttpError(403, "Only workers may review a recruiter.") from error
    try:
        made = services.recruiter_review_submit(
            actor=request.user, recruiter=entry, **payload.dict()
        )
    except ValidationError as error:
        raise HttpError(422, "; ".join(error.messages)) from error
    return Status(201, {"status": made.status})


@router.post(
    "/sites/{site_id}/reviews",
    response={201: ReviewSubmittedOut},
    auth=django_auth,
    summary="Send a review of a site for moderation (workers only)",
)
def review_create(request: HttpRequest, site_id: int, payload: ReviewIn) -> Status[dict]:
    try:
        site = selectors.get_site_to_review_for(request.user, site_id)
    except PermissionDenied as error:
        raise HttpError(403, "Only workers may review a workplace.") from error
    try:
        made = services.review_submit(actor=request.user, site=site, **payload.dict())
    except ValidationError as error:
        raise HttpError(422, "; ".join(error.messages)) from error
    return Status(201, {"status": made.status})
