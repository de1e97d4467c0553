"""The learning app's JSON API: the catalogue, and a worker's own profile, courses and documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from juntos.accounts.actors import signed_in
from juntos.learning import selectors

router = Router(tags=["learning"])


class SessionOut(Schema):
    id: int
    schedule: str
    starts_on: dt.date
    ends_on: dt.date
    capacity: int
    places_left: int
    enrolment_opens: dt.date
    enrolment_closes: dt.date


class CourseOut(Schema):
    id: int
    title: str
    summary: str
    topic: str
    format: str
    language: str
    province: str
    place: str
    provider: str
    sessions: list[SessionOut]


class FacetOut(Schema):
    value: str
    count: int


class CatalogueOut(Schema):
    courses: list[CourseOut]
    facets: dict[str, list[FacetOut]]


def _course_row(course: Any, provider_names: dict[int, str]) -> dict[str, object]:
    text = selectors.course_text(course)
    return {
        "id": course.pk,
        "title": text.title if text else "",
        "summary": text.summary if text else "",
        "topic": course.topic,
        "format": course.format,
        "language": course.language,
        "province": course.province,
        "place": course.place,
        "provider": provider_names.get(course.organisation_id, ""),
        "sessions": list(course.sessions.all()),
    }


@router.get("/courses", response=CatalogueOut, summary="Search the course catalogue")
def courses(
    request: HttpRequest,
    q: str = "",
    topic: str = "",
    format: str = "",
    language: str = "",
    province: str = "",
    schedule: str = "",
    provider: str = "",
) -> dict[str, object]:
    filters = {
        "topic": topic,
        "format": format,
        "language": language,
        "province": province,
        "schedule": schedule,
        "provider": provider,
    }
    result = selectors.catalogue_search(
        filters={k: v[:30] for k, v in filters.items()}, text=q[:100]
    )
    rows = [_course_row(course, result.provider_names) for course in result.courses]
    facets = {
        name: [{"value": v, "count": n} for v, n in values]
        for name, values in result.facets.items()
    }
    return {"courses": rows, "facets": facets}


class GoalOut(Schema):
    kind: str
    note: str


class ObjectiveOut(Schema):
    title: str
    target_on: dt.date
    course_id: int | None
    done: bool


class ProfileOut(Schema):
    id: int
    display_name: str
    home_country: str
    home_state: str
    home_municipality: str
    goals: list[GoalOut]
    objectives: list[ObjectiveOut]


@router.get("/profile", response=ProfileOut, auth=django_auth, summary="My profile and plan")
def profile(request: HttpRequest) -> dict[str, object]:
    found = selectors.profile_details_of(request.user)
    if found is None:
        raise Http404
    completed = selectors.completed_course_ids(signed_in(request))
    return {
        "id": found.pk,
        "display_name": found.display_name,
        "home_country": found.home_country,
        "home_state": found.home_state,
        "home_municipality": found.home_municipality,
        "goals": list(found.goals.all()),
        "objectives": [
            {
                "title": o.title,
                "target_on": o.target_on,
                "course_id": o.course_id,
                "done": bool(o.done_at) or o.course_id in completed,
            }
            for o in found.objectives.all()
        ],
    }


class EnrolmentOut(Schema):
    id: int
    session_id: int
    course_id: int
    status: str
    starts_on: dt.date


@router.get("/enrolments", response=list[EnrolmentOut], auth=django_auth, summary="My enrolments")
def enrolments(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "id": e.pk,
            "session_id": e.session_id,
            "course_id": e.session.course_id,
            "status": e.status,
            "starts_on": e.session.starts_on,
        }
        for e in selectors.enrolments_of(request.user)
    ]


class DocumentOut(Schema):
    id: int
    kind: str
    title: str
    content_type: str
    size: int
    uploaded_at: dt.datetime
    shared_with: list[str]


@router.get("/documents", response=list[DocumentOut], auth=django_auth, summary="My documents")
def documents(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "id": d.pk,
            "kind": d.kind,
            "title": d.title,
            "content_type": d.content_type,
            "size": d.size,
            "uploaded_at": d.uploaded_at,
            "shared_with": [s.caseworker.display_name for s in d.active_shares],  # type: ignore[attr-defined]
        }
        for d in selectors.vault_documents_of(request.user)
    ]
