"""Research API: the labour-need figures (public, suppressed), and the coordinator's projects."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from ninja import Router, Schema, Status
from ninja.security import django_auth

from juntos.accounts.actors import signed_in
from juntos.research import labour, selectors, services
from juntos.research.labour import MonthError
from juntos.research.policies import can_run_research

router = Router(tags=["research"])
LANGUAGES = {code for code, _name in settings.LANGUAGES}


class LabourFigureOut(Schema):
    measure: str
    occupation: str
    province: str
    value: float | None
    suppressed: bool


class LabourTableOut(Schema):
    month: str
    threshold: int
    rounding_base: int
    figures: list[LabourFigureOut]


class ResearchErrorOut(Schema):
    detail: dict[str, list[str]] | str


class ProjectOut(Schema):
    id: int
    title: str
    ethics_reference: str
    expires_on: dt.date
    variables: list[str]
    extracts: int


class ExtractIn(Schema):
    variables: list[str] = []


class ExtractOut(Schema):
    id: int
    project: int
    status: str
    variables: list[str]


def _language(request: HttpRequest, requested: str) -> str:
    return requested if requested in LANGUAGES else translation.get_language_from_request(request)


@router.get(
    "/labour-need",
    response={200: LabourTableOut, 400: ResearchErrorOut},
    url_name="research_labour_need",
    summary="Labour-need figures for one month, by occupation and province (suppressed)",
)
def labour_need(request: HttpRequest, month: str = "", language: str = "") -> object:
    with translation.override(_language(request, language)):
        today = timezone.localdate()
        try:
            table = selectors.labour_need(month or f"{today:%Y-%m}", today=today)
        except MonthError as error:
            return Status(400, {"detail": {"month": [str(error)]}})
        return labour.labour_json(table)


@router.get(
    "/labour-need/csv",
    response={400: ResearchErrorOut},
    url_name="research_labour_need_csv",
    summary="The same figures as CSV (RFC 4180, UTF-8) with an HXL hashtag row",
)
def labour_need_csv(request: HttpRequest, month: str = "", language: str = "") -> object:
    with translation.override(_language(request, language)):
        today = timezone.localdate()
        try:
            table = selectors.labour_need(month or f"{today:%Y-%m}", today=today)
        except MonthError as error:
            return Status(400, {"detail": {"month": [str(error)]}})
    response = HttpResponse(labour.labour_csv_text(table), content_type="text/csv; charset=utf-8")
    filename = f"juntos-labour-need-{table.month.label}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.get(
    "/projects",
    response=list[ProjectOut],
    auth=django_auth,
    summary="Approved research projects (the network's coordinator)",
)
def projects(request: HttpRequest) -> list[dict[str, object]]:
    actor = signed_in(request)
    if not can_run_research(actor):
        return []
    return [
        {
            "id": p.pk,
            "title": p.title,
            "ethics_reference": p.ethics_reference,
            "expires_on": p.expires_on,
            "variables": p.variables,
            "extracts": p.extract_count,  # type: ignore[attr-defined]
        }
        for p in selectors.projects_for(actor)[:200]
    ]


@router.post(
    "/projects/{project_id}/extracts",
    response={201: ExtractOut, 404: ResearchErrorOut, 422: ResearchErrorOut},
    auth=django_auth,
    summary="Request an extract of an approved project (made in the background)",
)
def extract_request(request: HttpRequest, project_id: int, payload: ExtractIn) -> object:
    actor = signed_in(request)
    with translation.override(_language(request, "")):
        project = selectors.projects_for(actor).filter(pk=project_id).first()
        if project is None:
            return Status(404, {"detail": "not found"})
        extract = services.extract_request(
            actor=actor, project=project, variables=payload.variables or None
        )
    return Status(
        201,
        {
            "id": extract.pk,
            "project": project.pk,
            "status": extract.status,
            "variables": extract.variables,
        },
    )
