"""The public dashboard and the coordinator's targets: thin views over selectors and services."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from juntos.accounts.actors import signed_in
from juntos.core.forms import add_service_errors
from juntos.monitoring import selectors, services
from juntos.monitoring.forms import DecisionForm, ReportedValueForm, TargetForm
from juntos.monitoring.models import Indicator
from juntos.monitoring.policies import (
    can_edit_targets,
    can_view_staff_dashboard,
    sees_exact_figures_of,
)

CHART_HEIGHT = 120
BAR_WIDTH = 28
SLOT = 70


@dataclass(frozen=True)
class Bar:
    label: str
    x: int
    height: int
    y: int
    actual: int | None
    target: int | None
    target_y: int | None


def _bars(indicator: selectors.IndicatorResult) -> list[Bar]:
    """Bar geometry for the server-drawn chart; heights scale to the largest figure."""
    figures = [r.actual or 0 for r in indicator.results] + [
        r.target or 0 for r in indicator.results
    ]
    top = max([*figures, 1])
    bars = []
    for index, result in enumerate(indicator.results):
        height = round(CHART_HEIGHT * (result.actual or 0) / top)
        target_y = (
            None
            if result.target is None
            else CHART_HEIGHT - round(CHART_HEIGHT * result.target / top)
        )
        bars.append(
            Bar(
                label=result.period.label,
                x=20 + index * SLOT,
                height=height,
                y=CHART_HEIGHT - height,
                actual=result.actual,
                target=result.target,
                target_y=target_y,
            )
        )
    return bars


def _levels(
    indicators: list[selectors.IndicatorResult],
) -> list[tuple[str, list[tuple[selectors.IndicatorResult, list[Bar]]]]]:
    """The logic model's levels, from impact down to activities, each with its indicators."""
    levels = []
    for level, label in Indicator.Level.choices:
        found = [(i, _bars(i)) for i in indicators if i.indicator.level == level]
        if found:
            levels.append((str(label), found))
    return levels


def _chart_context(request: HttpRequest, indicators: list[selectors.IndicatorResult]) -> dict:
    return {
        "levels": _levels(indicators),
        "chart_width": 20 + SLOT * 4,
        "chart_height": CHART_HEIGHT,
        "bar_width": BAR_WIDTH,
        "threshold": settings.JUNTOS_SUPPRESSION_THRESHOLD,
        "can_edit": can_edit_targets(request.user),
    }


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    indicators = selectors.dashboard_indicators(
        language=get_language() or "en", today=timezone.localdate()
    )
    return render(request, "monitoring/dashboard.html", _chart_context(request, indicators))


@login_required
@require_GET
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    """The coordinators' view: every indicator (public or not), values to approve, organisations."""
    actor = signed_in(request)
    if not can_view_staff_dashboard(actor):
        raise Http404
    indicators = selectors.dashboard_indicators(
        language=get_language() or "en", today=timezone.localdate(), public_only=False
    )
    context = _chart_context(request, indicators)
    language = get_language() or "en"
    context["waiting"] = [
        (reported, reported.indicator.title_in(language), DecisionForm(prefix=f"r{reported.pk}"))
        for reported in selectors.reported_values_waiting(actor)[:200]
    ]
    context["organisations"] = selectors.organisations_with_figures()
    return render(request, "monitoring/staff.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, reported_id: int) -> HttpResponse:
    actor = signed_in(request)
    reported = selectors.get_reported_value_to_decide(actor, reported_id)
    form = DecisionForm(request.POST, prefix=f"r{reported.pk}")
    if form.is_valid():
        try:
            services.reported_value_decide(
                actor=actor,
                reported=reported,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The decision is saved."))
    else:
        messages.error(request, _("Choose to approve or to return the value."))
    return redirect("monitoring:staff")


@login_required
@require_GET
def organisation_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    """One organisation's cases, courses and reported values; exact only for its own staff."""
    actor = signed_in(request)
    organisation = selectors.get_organisation_for_figures(actor, slug)
    quarters = selectors.recent_quarters(timezone.localdate())
    context = {
        "organisation": organisation,
        "quarters": quarters,
        "figures": selectors.organisation_figures(actor, organisation, quarters),
        "exact": sees_exact_figures_of(actor, organisation.pk),
        "reported": [
            (value, value.indicator.title_in(get_language() or "en"))
            for value in selectors.reported_values_of(organisation.pk)[:200]
        ],
        "grants": selectors.organisation_grants(organisation),
        # The project's page is for the lead's staff and the coordinators.
        "opens_projects": can_view_staff_dashboard(actor),
        "threshold": settings.JUNTOS_SUPPRESSION_THRESHOLD,
    }
    return render(request, "monitoring/organisation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """An organisation's staff enter its figures for the reported indicators."""
    actor = signed_in(request)
    organisations = selectors.reporting_organisations_of(actor)
    if not organisations:
        raise Http404
    if request.method == "POST" and request.POST.get("organisation", "") not in {
        str(o.pk) for o in organisations
    }:
        raise Http404  # another organisation's figures are not this person's to enter
    language = get_language() or "en"
    indicators = selectors.reported_indicators()
    form = ReportedValueForm(
        request.POST or None,
        organisations=[(o.pk, o.name) for o in organisations],
        indicators=[(i.slug, i.title_in(language)[0]) for i in indicators],
    )
    if request.method == "POST" and form.is_valid():
        indicator = next(i for i in indicators if i.slug == form.cleaned_data["indicator"])
        try:
            services.reported_value_enter(
                actor=actor,
                indicator=indicator,
                organisation_id=form.cleaned_data["organisation"],
                period=form.cleaned_data["period"],
                value=form.cleaned_data["value"],
                dimension=form.cleaned_data["dimension"],
                dimension_value=form.cleaned_data["dimension_value"],
                note=form.cleaned_data["note"],
                note_language=language,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The value is saved; it counts once a coordinator approves it.")
            )
            return redirect("monitoring:report")
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "organisations": organisations}
    return render(request, "monitoring/report.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, slug: str) -> HttpResponse:
    actor = signed_in(request)
    indicator = selectors.get_editable_indicator_for(actor, slug)
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_set(
                actor=actor,
                indicator=indicator,
                period=form.cleaned_data["period"],
                value=form.cleaned_data["value"],
                dimension=form.cleaned_data["dimension"],
                dimension_value=form.cleaned_data["dimension_value"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The target is saved."))
            return redirect("monitoring:targets", slug=indicator.slug)
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "indicator": indicator,
        "title": indicator.title_in(get_language() or "en")[0],
        "targets": selectors.targets_of(indicator),
        "form": form,
    }
    return render(request, "monitoring/targets.html", context, status=status)
