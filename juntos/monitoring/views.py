"""The public dashboard and the coordinator's targets: thin views over selectors and services."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from juntos.accounts.actors import signed_in
from juntos.core.forms import add_service_errors
from juntos.monitoring import selectors, services
from juntos.monitoring.forms import TargetForm
from juntos.monitoring.policies import can_edit_targets

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


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    indicators = selectors.dashboard_indicators(
        language=get_language() or "en", today=timezone.localdate()
    )
    context = {
        "indicators": [(indicator, _bars(indicator)) for indicator in indicators],
        "chart_width": 20 + SLOT * 4,
        "chart_height": CHART_HEIGHT,
        "bar_width": BAR_WIDTH,
        "threshold": settings.JUNTOS_SUPPRESSION_THRESHOLD,
        "can_edit": can_edit_targets(request.user),
    }
    return render(request, "monitoring/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, slug: str) -> HttpResponse:
    actor = signed_in(request)
    indicator = selectors.get_indicator_for_editing(actor, slug)
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_set(
                actor=actor,
                indicator=indicator,
                period=form.cleaned_data["period"],
                value=form.cleaned_data["value"],
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
        "targets": indicator.targets.order_by("period"),
        "form": form,
    }
    return render(request, "monitoring/targets.html", context, status=status)
