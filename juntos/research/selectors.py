"""Reads of the research app, authorised as they fetch."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from juntos.accounts.actors import Actor
from juntos.learning.selectors import research_consenting_count
from juntos.research.labour import LabourTable, labour_table
from juntos.research.models import DownloadLink, Extract, Project
from juntos.research.policies import can_run_research

__all__ = [
    "consenting_workers",
    "extracts_of",
    "get_extract_for",
    "get_project_for",
    "labour_need",
    "projects_for",
]


def projects_for(actor: Actor) -> QuerySet[Project]:
    """Every approved project, for the coordinator; nothing for anyone else."""
    if not can_run_research(actor):
        return Project.objects.none()
    return Project.objects.select_related("approved_by").annotate(extract_count=Count("extracts"))


def get_project_for(actor: Actor, project_id: int) -> Project:
    """One project, or 404 for anyone who may not see it."""
    project = projects_for(actor).filter(pk=project_id).first()
    if project is None:
        raise Http404
    return project


def extracts_of(project: Project) -> QuerySet[Extract]:
    """A project's extracts with their links, newest first (two queries)."""
    return (
        project.extracts.defer("content", "wrapped_key")
        .select_related("requested_by")
        .prefetch_related(Prefetch("links", queryset=DownloadLink.objects.order_by("-created_at")))
    )


def get_extract_for(actor: Actor, extract_id: int) -> Extract:
    """One extract, or 404 for anyone who may not see it."""
    if not can_run_research(actor):
        raise Http404
    extract = (
        Extract.objects.defer("content", "wrapped_key")
        .select_related("project")
        .filter(pk=extract_id)
        .first()
    )
    if extract is None:
        raise Http404
    return extract


def consenting_workers(actor: Actor) -> int | None:
    """How many workers said yes to research (the coordinator's figure; None for others)."""
    return research_consenting_count() if can_run_research(actor) else None


def labour_need(month: str, *, today: dt.date) -> LabourTable:
    """The month's labour-need figures, fit for anyone (suppressed and rounded)."""
    return labour_table(month, today=today)
