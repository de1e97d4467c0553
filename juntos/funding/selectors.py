"""Reads of the funding program that authorise as they fetch (404 for what one may not see)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from juntos.accounts.actors import Actor
from juntos.funding.choices import ApplicationStatus, PartnerStatus, ReportStatus, ReviewStatus
from juntos.funding.models import (
    Application,
    Call,
    Project,
    Report,
    ReportVersion,
    Review,
    ReviewerAssignment,
)
from juntos.funding.organisations import organisations_by_id
from juntos.funding.policies import (
    applicant_organisations,
    is_funding_coordinator,
    organisations_acted_for,
)
from juntos.network.selectors import AdoptedRef, adopted_recommendations

LANGUAGES = ("en", "es", "fr")


# --- calls (public) --------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A call's text in the reader's language, or another language with a notice."""

    text: str
    language: str
    missing: bool


def call_text(call: Call, field: str, language: str) -> Shown:
    """The field in `language`, else the first language that has it (marked missing)."""
    wanted = getattr(call, f"{field}_{language}", "") if language in LANGUAGES else ""
    if wanted:
        return Shown(wanted, language, False)
    for other in LANGUAGES:
        text = getattr(call, f"{field}_{other}", "")
        if text:
            return Shown(text, other, True)
    return Shown("", language, True)


def call_languages_missing(call: Call) -> list[str]:
    """The languages the call's title or description is not yet written in."""
    return [
        lang
        for lang in LANGUAGES
        if not getattr(call, f"title_{lang}") or not getattr(call, f"description_{lang}")
    ]


def deadline_local(call: Call) -> dt.datetime:
    """The deadline in the call's own time zone."""
    return timezone.localtime(call.deadline, ZoneInfo(call.time_zone))


def calls_listed() -> QuerySet[Call]:
    """Every call, newest first: calls are public."""
    return Call.objects.order_by("-deadline", "-id")


def get_call(call_id: int) -> Call:
    """One call with its rubric, caps and indicators (public)."""
    call = (
        Call.objects.prefetch_related("criteria", "category_caps", "indicators", "recommendations")
        .filter(pk=call_id)
        .first()
    )
    if call is None:
        raise Http404
    return call


def call_recommendations(call: Call) -> list[AdoptedRef]:
    """The adopted recommendations the call takes up, with how the plenary voted."""
    return adopted_recommendations([r.recommendation_id for r in call.recommendations.all()])


def adopted_choices() -> list[AdoptedRef]:
    """Adopted recommendations a new call may take up (for the coordinator's form)."""
    return adopted_recommendations()


# --- applications ----------------------------------------------------------------------------


def _with_parts(found: QuerySet[Application]) -> QuerySet[Application]:
    return found.select_related("call").prefetch_related("partners", "budget_lines")


def applications_for(actor: Actor) -> QuerySet[Application]:
    """Applications the actor's organisations lead or partner in (never anyone else's)."""
    mine = applicant_organisations(actor)
    if not mine:
        raise Http404
    found = Application.objects.filter(
        Q(lead_organisation_id__in=mine) | Q(partners__organisation_id__in=mine)
    ).distinct()
    return _with_parts(found).order_by("-updated_at", "-id")


def get_application_for(actor: Actor, application_id: int) -> Application:
    """One application for its lead's and partners' staff, the coordinator once it is
    submitted, and reviewers who declared no conflict; 404 for everyone else."""
    application = _with_parts(Application.objects.filter(pk=application_id)).first()
    if application is None or not may_read_application(actor, application):
        raise Http404
    return application


def may_read_application(actor: Actor, application: Application) -> bool:
    if is_funding_coordinator(actor) and application.status != ApplicationStatus.DRAFT:
        return True
    mine = organisations_acted_for(actor)
    parties = {
        application.lead_organisation_id,
        *(p.organisation_id for p in application.partners.all()),
    }
    if mine & parties:
        return True
    return Review.objects.filter(
        application=application,
        assignment__reviewer_id=getattr(actor, "pk", None),
        status__in=(ReviewStatus.OPEN, ReviewStatus.DONE),
    ).exists()


def is_lead_staff(actor: Actor, application: Application) -> bool:
    return application.lead_organisation_id in applicant_organisations(actor)


def organisation_names(ids: set[int]) -> dict[int, str]:
    """Names of organisations by id, in one query."""
    return {pk: o.name for pk, o in organisations_by_id(ids).items()}


def budget_total(application: Application) -> Decimal:
    return sum(
        (line.amount_in_call_currency for line in application.budget_lines.all()), Decimal(0)
    )


# --- review ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    """An application waiting for one reviewer, and where her review stands."""

    application: Application
    review: Review | None


def review_queue_for(actor: Actor) -> list[QueueRow]:
    """The submitted applications of the calls the actor reviews (404 if she reviews none)."""
    assignments = list(ReviewerAssignment.objects.filter(reviewer_id=getattr(actor, "pk", None)))
    if not assignments:
        raise Http404
    reviews = {r.application_id: r for r in Review.objects.filter(assignment__in=assignments)}
    found = (
        Application.objects.filter(
            call_id__in=[a.call_id for a in assignments],
            status__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.AWARDED),
        )
        .select_related("call")
        .order_by("call_id", "id")
    )
    return [QueueRow(a, reviews.get(a.pk)) for a in found]


def get_assignment_for(actor: Actor, application_id: int) -> tuple[ReviewerAssignment, Application]:
    """The reviewer's assignment for a submitted application of her call; else 404."""
    application = (
        Application.objects.filter(
            pk=application_id,
            status__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.AWARDED),
        )
        .select_related("call")
        .prefetch_related("partners")
        .first()
    )
    if application is None:
        raise Http404
    assignment = ReviewerAssignment.objects.filter(
        reviewer_id=getattr(actor, "pk", None), call_id=application.call_id
    ).first()
    if assignment is None:
        raise Http404
    return assignment, application


def review_of(assignment: ReviewerAssignment, application: Application) -> Review | None:
    return assignment.reviews.filter(application=application).prefetch_related("scores").first()


@dataclass(frozen=True)
class BoardRow:
    """An application on the coordinator's review board: running total and what is missing."""

    application: Application
    average: Decimal | None
    scored: int
    still_needed: int
    recused: int
    refused: int


def review_board_for(actor: Actor, call_id: int) -> tuple[Call, list[BoardRow]]:
    """The coordinator's view of a call's review: weighted totals so far, reviews still needed."""
    if not is_funding_coordinator(actor):
        raise Http404
    call = get_call(call_id)
    found = call.applications.filter(
        status__in=(ApplicationStatus.SUBMITTED, ApplicationStatus.AWARDED)
    ).prefetch_related("reviews")
    rows = []
    for application in found.order_by("id"):
        reviews = list(application.reviews.all())
        done = [
            r.weighted_total
            for r in reviews
            if r.status == ReviewStatus.DONE and r.weighted_total is not None
        ]
        average = _mean(done)
        rows.append(
            BoardRow(
                application,
                average,
                len(done),
                max(0, call.reviews_needed - len(done)),
                sum(1 for r in reviews if r.status == ReviewStatus.RECUSED),
                sum(1 for r in reviews if r.status == ReviewStatus.REFUSED),
            )
        )
    return call, rows


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))


def assignments_of(call: Call) -> QuerySet[ReviewerAssignment]:
    """Who reviews the call (the coordinator's page only; applicants never see it)."""
    return call.reviewers.select_related("reviewer").order_by("id")


# --- projects and reports --------------------------------------------------------------------


def projects_for(actor: Actor) -> QuerySet[Project]:
    """Projects of the actor's organisations (all of them for the coordinator)."""
    found = Project.objects.select_related("application__call").order_by("-awarded_on", "-id")
    if is_funding_coordinator(actor):
        return found
    mine = applicant_organisations(actor)
    if not mine:
        raise Http404
    return found.filter(application__lead_organisation_id__in=mine)


def get_project_for(actor: Actor, project_id: int) -> Project:
    """One project with its milestones and reports, for the grantee and the coordinator."""
    versions = ReportVersion.objects.prefetch_related("actuals__indicator")
    project = (
        projects_for(actor)
        .prefetch_related(
            "milestones",
            Prefetch(
                "reports",
                queryset=Report.objects.prefetch_related(Prefetch("versions", queryset=versions)),
            ),
            "application__call__indicators",
        )
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        raise Http404
    return project


def get_report_for(actor: Actor, report_id: int) -> Report:
    """One report of a project the actor may see."""
    report = (
        Report.objects.select_related("project__application__call").filter(pk=report_id).first()
    )
    if report is None:
        raise Http404
    get_project_for(actor, report.project_id)
    return report


def reports_waiting(actor: Actor) -> QuerySet[Report]:
    """Filed reports waiting for the coordinator's approval."""
    if not is_funding_coordinator(actor):
        raise Http404
    return (
        Report.objects.filter(status=ReportStatus.SUBMITTED)
        .select_related("project__application")
        .order_by("due_on", "id")
    )


def published_projects() -> QuerySet[Project]:
    """Awarded projects, for the public list and the 360Giving file."""
    approved = (
        Report.objects.filter(status=ReportStatus.APPROVED)
        .select_related("approved_version")
        .prefetch_related("approved_version__actuals__indicator")
    )
    return (
        Project.objects.select_related("application__call")
        .prefetch_related(Prefetch("reports", queryset=approved, to_attr="approved_reports"))
        .order_by("-awarded_on", "-id")
    )


def get_published_project(project_id: int) -> Project:
    project = published_projects().filter(pk=project_id).first()
    if project is None:
        raise Http404
    return project


@dataclass(frozen=True)
class OrganisationGrant:
    """A grant an organisation leads or partners in, for its dashboard."""

    project: Project
    role: str  # "lead" or "partner"
    reports_approved: int
    reports_waiting: int  # filed, waiting for the coordinator
    reports_due: int
    next_due: dt.date | None


def grants_of_organisation(organisation_id: int) -> list[OrganisationGrant]:
    """Awarded projects the organisation leads or is a confirmed partner in, in two queries.

    What a grant is (title, amount, dates) is public; the reports' progress is for the
    organisation's own staff and the coordinators, whom the dashboard's policy admits.
    """
    found = (
        Project.objects.filter(
            Q(application__lead_organisation_id=organisation_id)
            | Q(
                application__partners__organisation_id=organisation_id,
                application__partners__status=PartnerStatus.CONFIRMED,
            )
        )
        .distinct()
        .select_related("application__call")
        .prefetch_related(
            Prefetch("reports", queryset=Report.objects.only("project_id", "status", "due_on"))
        )
        .order_by("-awarded_on", "-id")
    )
    grants = []
    for project in found:
        reports = list(project.reports.all())
        due = sorted(r.due_on for r in reports if r.status == ReportStatus.DUE)
        grants.append(
            OrganisationGrant(
                project=project,
                role="lead"
                if project.application.lead_organisation_id == organisation_id
                else "partner",
                reports_approved=sum(1 for r in reports if r.status == ReportStatus.APPROVED),
                reports_waiting=sum(1 for r in reports if r.status == ReportStatus.SUBMITTED),
                reports_due=len(due),
                next_due=due[0] if due else None,
            )
        )
    return grants
