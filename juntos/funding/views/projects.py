"""Projects: milestones, quarterly reports filed by the grantee, approved or skipped by the
coordinator; the public list of grants and the 360Giving file."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.accounts.actors import signed_in
from juntos.core.forms import submit
from juntos.funding import selectors, services
from juntos.funding.forms import ReasonForm, ReportForm
from juntos.funding.policies import is_funding_coordinator


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    """The grantee's projects (every project for the coordinator)."""
    projects = list(selectors.projects_for(request.user)[:200])
    waiting = (
        list(selectors.reports_waiting(request.user))
        if is_funding_coordinator(request.user)
        else []
    )
    return render(request, "funding/project_list.html", {"projects": projects, "waiting": waiting})


@login_required
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.get_project_for(request.user, project_id)
    context = {
        "project": project,
        "application": project.application,
        "is_coordinator": is_funding_coordinator(request.user),
        "skip_form": ReasonForm(),
    }
    return render(request, "funding/project_detail.html", context)


@login_required
def report_file(request: HttpRequest, report_id: int) -> HttpResponse:
    """The grantee files the quarter's report with indicator actuals (a new version)."""
    actor = signed_in(request)
    report = selectors.get_report_for(actor, report_id)
    if not selectors.is_lead_staff(actor, report.project.application):
        raise Http404  # the grantee files; the coordinator approves or skips
    indicators = list(report.project.application.call.indicators.all())
    form = ReportForm(request.POST or None, indicators=indicators)
    if request.method == "POST":
        version = submit(
            form,
            lambda: services.report_file(
                actor=actor,
                report=report,
                narrative=form.cleaned_data["narrative"],
                actuals=form.actuals(),
            ),
        )
        if version is not None:
            messages.success(request, _("The report is filed; the coordinator will review it."))
            return redirect("funding:project", project_id=report.project_id)
    return render(request, "funding/report_form.html", {"report": report, "form": form})


@login_required
@require_POST
def report_approve(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = signed_in(request)
    report = selectors.get_report_for(actor, report_id)
    form = forms.Form(request.POST)
    if submit(form, lambda: services.report_approve(actor=actor, report=report)):
        messages.success(request, _("The report is approved and its figures are public."))
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return redirect("funding:project", project_id=report.project_id)


@login_required
@require_POST
def report_skip(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = signed_in(request)
    report = selectors.get_report_for(actor, report_id)
    form = ReasonForm(request.POST)
    if submit(
        form,
        lambda: services.report_skip(
            actor=actor, report=report, reason=form.cleaned_data["reason"]
        ),
    ):
        messages.success(request, _("The report is skipped; the reason is recorded."))
    else:
        messages.error(request, _("Say why the report is skipped."))
    return redirect("funding:project", project_id=report.project_id)


def grants(request: HttpRequest) -> HttpResponse:
    """Awarded grants, public, with the figures of approved reports only."""
    projects = list(selectors.published_projects()[:200])
    ids = {p.application.lead_organisation_id for p in projects}
    context = {"projects": projects, "names": selectors.organisation_names(ids)}
    return render(request, "funding/grants.html", context)
