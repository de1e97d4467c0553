"""Research pages: the coordinator's projects and extracts, the download link, and the public
labour-need table."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from juntos.accounts.actors import SignedIn, signed_in
from juntos.core.forms import add_service_errors
from juntos.research import selectors, services
from juntos.research.choices import Variable
from juntos.research.forms import ExtractForm, ProjectForm
from juntos.research.labour import MEASURES, MonthError
from juntos.research.policies import can_run_research

VARIABLE_NAMES = dict(Variable.choices)


def _coordinator(request: HttpRequest) -> SignedIn:
    actor = signed_in(request)
    if not can_run_research(actor):
        raise PermissionDenied
    return actor


@login_required
@require_GET
def projects(request: HttpRequest) -> HttpResponse:
    """The approved projects, and how many workers said yes to research."""
    actor = _coordinator(request)
    context = {
        "projects": selectors.projects_for(actor)[:200],
        "consenting": selectors.consenting_workers(actor),
    }
    return render(request, "research/projects.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_new(request: HttpRequest) -> HttpResponse:
    """The coordinator approves a study."""
    actor = _coordinator(request)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_approve(actor=actor, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The project is approved."))
            return redirect("research:project", project_id=project.pk)
    status = 400 if form.errors else 200
    return render(request, "research/project_form.html", {"form": form}, status=status)


def _project_page(
    request: HttpRequest, project_id: int, form: ExtractForm | None = None, status: int = 200
) -> HttpResponse:
    actor = _coordinator(request)
    project = selectors.get_project_for(actor, project_id)
    extracts = list(selectors.extracts_of(project))
    links = [
        (link, request.build_absolute_uri(_download_path(link)))
        for extract in extracts
        for link in extract.links.all()
    ]
    context = {
        "project": project,
        "variables": [VARIABLE_NAMES[v] for v in project.variables if v in VARIABLE_NAMES],
        "extracts": extracts,
        "links": links,
        "form": form or ExtractForm(approved=project.variables),
        "now": timezone.now(),
    }
    return render(request, "research/project.html", context, status=status)


def _download_path(link: object) -> str:
    from django.urls import reverse

    return reverse("research:download", kwargs={"token": services.link_token(link)})  # type: ignore[arg-type]


@login_required
@require_GET
def project(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project: what was approved, its extracts with their figures, and download links."""
    return _project_page(request, project_id)


@login_required
@require_POST
def extract_new(request: HttpRequest, project_id: int) -> HttpResponse:
    """Ask for an extract (made in the background)."""
    actor = _coordinator(request)
    found = selectors.get_project_for(actor, project_id)
    form = ExtractForm(request.POST, approved=found.variables)
    if form.is_valid():
        try:
            services.extract_request(
                actor=actor,
                project=found,
                variables=form.cleaned_data["variables"] or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The extract is being prepared."))
            return redirect("research:project", project_id=found.pk)
    return _project_page(request, project_id, form=form, status=400)


@login_required
@require_POST
def link_new(request: HttpRequest, extract_id: int) -> HttpResponse:
    """Issue a download link for a ready extract, valid seven days."""
    actor = _coordinator(request)
    extract = selectors.get_extract_for(actor, extract_id)
    try:
        services.link_issue(actor=actor, extract=extract)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("A new download link is ready; it works for seven days."))
    return redirect("research:project", project_id=extract.project_id)


@require_GET
def download(request: HttpRequest, token: str) -> HttpResponse:
    """The extract's CSV through its link; an unknown or expired link is told why."""
    try:
        extract, content = services.extract_download(actor=request.user, token=token)
    except services.LinkError as error:
        return render(
            request, "research/link_error.html", {"message": str(error)}, status=error.status
        )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    name = f"juntos-research-{extract.project_id}-{extract.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


MEASURE_NAMES = {
    "demand": _("Positions asked for"),
    "filled": _("Positions filled"),
    "supply": _("Workers available"),
    "fill_rate": _("Fill rate (%)"),
    "time_to_fill_days": _("Median days to fill"),
}


@require_GET
def labour_need(request: HttpRequest) -> HttpResponse:
    """The public labour-need table for one month, with small counts hidden."""
    today = timezone.localdate()
    month = request.GET.get("month", "") or f"{today:%Y-%m}"
    try:
        table = selectors.labour_need(month, today=today)
    except MonthError as error:
        context: dict[str, object] = {"error": str(error), "month": month[:20], "measures": []}
        return render(request, "research/labour_need.html", context, status=400)
    context = {
        "table": table,
        "rows": [
            (row["occupation"], row["province"], [row.get(m) for m in MEASURES])
            for row in table.rows()
        ],
        "month": table.month.label,
        "measures": [(m, MEASURE_NAMES[m]) for m in MEASURES],
    }
    return render(request, "research/labour_need.html", context)
