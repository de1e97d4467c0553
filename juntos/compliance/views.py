"""Thin views: the checker, kept results, the employer's self-check and the rules pages."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from juntos.compliance import selectors, services
from juntos.compliance.choices import Audience, DocumentKind
from juntos.compliance.engine import Finding
from juntos.compliance.forms import ContractForm, PaySlipForm, RuleVersionForm, SeasonEntry
from juntos.compliance.loader import TextSpec
from juntos.compliance.policies import can_manage_rules, can_save_check, can_self_check_offer
from juntos.compliance.reporting import intake_page, report_intake_url
from juntos.core.forms import add_service_errors
from juntos.core.privacy import anonymous_flow

FORMS: dict[str, type[PaySlipForm] | type[ContractForm]] = {
    DocumentKind.PAY_SLIP: PaySlipForm,
    DocumentKind.CONTRACT: ContractForm,
    DocumentKind.JOB_OFFER: ContractForm,
}


@require_GET
def check_start(request: HttpRequest) -> HttpResponse:
    context = {"employer": can_self_check_offer(request.user)}
    return render(request, "compliance/check_start.html", context)


@anonymous_flow
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, kind: str) -> HttpResponse:
    """The checker; a result is shown at once and kept only if a signed-in person asks."""
    form_class = FORMS.get(kind)
    if form_class is None:
        raise Http404
    keep_allowed = can_save_check(request.user)
    form = form_class(request.POST or None, keep_allowed=keep_allowed)
    if request.method == "POST" and form.is_valid():
        result = _run_check(form, kind, Audience.WORKER)
        if result is not None:
            if keep_allowed and form.cleaned_data.get("keep"):
                services.saved_check_create(actor=request.user, result=result)
                messages.success(request, _("The result is kept in your account."))
            return _render_result(request, result, understood=form.understood())
    return render(request, "compliance/check_form.html", {"form": form, "kind": DocumentKind(kind)})


@anonymous_flow
@require_http_methods(["GET", "POST"])
def check_season(request: HttpRequest) -> HttpResponse:
    """Several pay slips of one season checked together, so the season caps hold; nothing is
    kept. "Add another pay slip" sends the page back with one more row and all that was typed."""
    adding = request.method == "POST" and "add_slip" in request.POST
    entry = SeasonEntry(request.POST if request.method == "POST" else None, adding=adding)
    if request.method == "POST" and not adding and entry.is_valid():
        try:
            result = services.check_document(
                kind=services.SEASON,
                facts=entry.facts(),
                language=translation.get_language() or "en",
            )
        except ValidationError as error:
            entry.add_service_errors(error)
        else:
            return _render_result(request, result, understood=entry.understood())
    return render(request, "compliance/check_season.html", {"entry": entry, "form": entry.form})


def _run_check(form: Any, kind: str, audience: str) -> services.CheckResult | None:
    try:
        return services.check_document(
            kind=kind,
            facts=form.facts(),
            language=translation.get_language() or "en",
            audience=audience,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _findings_with_links(result: Any, findings: list[Finding]) -> list[tuple[Finding, str | None]]:
    employer = result.facts.get("employer_name", "")
    if result.audience == Audience.EMPLOYER:
        return [(f, None) for f in findings]
    intake = intake_page()
    if intake is None:
        return [(f, None) for f in findings]
    return [
        (
            f,
            report_intake_url(
                finding=f,
                province=result.province,
                program=result.program,
                employer_name=employer,
                intake=intake,
            ),
        )
        for f in findings
    ]


def _render_result(
    request: HttpRequest,
    result: services.CheckResult,
    saved: Any = None,
    understood: list[tuple[str, str, Any]] | None = None,
) -> HttpResponse:
    context = {
        "understood": understood or [],
        "result": result,
        "kind_label": _kind_label(result.kind),
        "findings": _findings_with_links(result, result.findings),
        "saved": saved,
        "employer_view": result.audience == Audience.EMPLOYER,
        "today": timezone.localdate(),
    }
    return render(request, "compliance/results.html", context)


def _kind_label(kind: str) -> str:
    if kind == services.SEASON:
        return _("Season of pay slips")
    return str(DocumentKind(kind).label)


@login_required
@require_http_methods(["GET", "POST"])
def employer_check(request: HttpRequest) -> HttpResponse:
    """An employer checks its own job offer before publishing it; nothing is kept."""
    if not can_self_check_offer(request.user):
        raise PermissionDenied
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = _run_check(form, DocumentKind.JOB_OFFER, Audience.EMPLOYER)
        if result is not None:
            return _render_result(request, result, understood=form.understood())
    return render(request, "compliance/employer_check.html", {"form": form})


@login_required
@require_GET
def saved_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "compliance/saved_list.html", {"checks": selectors.saved_checks_for(request.user)}
    )


@login_required
@require_GET
def saved_detail(request: HttpRequest, check_id: int) -> HttpResponse:
    saved = selectors.get_saved_check_for(request.user, check_id)
    result = services.CheckResult(
        kind=saved.kind,
        language=saved.language,
        audience=Audience.WORKER,
        province=saved.province,
        program=saved.program,
        facts=saved.facts,
        findings=[Finding.from_dict(f) for f in saved.findings],
    )
    return _render_result(request, result, saved=saved)


@login_required
@require_POST
def saved_delete(request: HttpRequest, check_id: int) -> HttpResponse:
    saved = selectors.get_saved_check_for(request.user, check_id)
    services.saved_check_delete(actor=request.user, saved=saved)
    messages.success(request, _("The result was deleted."))
    return redirect("compliance:saved_list")


@require_GET
def rule_list(request: HttpRequest) -> HttpResponse:
    language = translation.get_language() or "en"
    today = timezone.localdate()
    rows = []
    for rule in selectors.rules_listing():
        version = selectors.version_in_force(rule, today)
        shown = version or rule.versions.all().last()
        rows.append((rule, version, shown and selectors.wording_of(shown, language)))
    context = {
        "rows": rows,
        "today": today,
        "running_out": selectors.rules_running_out(today=today),
    }
    return render(request, "compliance/rule_list.html", context)


@require_GET
def rule_detail(request: HttpRequest, rule_id: str) -> HttpResponse:
    rule = selectors.get_rule(rule_id)
    language = translation.get_language() or "en"
    versions = [(v, selectors.wording_of(v, language)) for v in reversed(list(rule.versions.all()))]
    current = selectors.version_in_force(rule, timezone.localdate())
    context = {
        "rule": rule,
        "versions": versions,
        "current": current,
        "can_manage": can_manage_rules(request.user),
    }
    return render(request, "compliance/rule_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rule_version_add(request: HttpRequest, rule_id: str) -> HttpResponse:
    """Editors propose a version of a rule: new date, figures, source and wording."""
    if not can_manage_rules(request.user):
        raise PermissionDenied
    rule = selectors.get_rule(rule_id)
    form = RuleVersionForm(request.POST or None, initial=_initial_from_latest(rule))
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_version_add(actor=request.user, rule=rule, **_version_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The new version is proposed: it takes effect once another editor approves it."),
            )
            return redirect("compliance:rules_desk")
    return render(request, "compliance/rule_version_form.html", {"rule": rule, "form": form})


def _initial_from_latest(rule: Any) -> dict[str, Any]:
    latest = rule.versions.all().last()
    if latest is None:
        return {}
    initial: dict[str, Any] = {
        "params": json.dumps(latest.params, ensure_ascii=False),
        "certainty": latest.certainty,
        "source_url": latest.source_url,
        "source_title": latest.source_title,
        "source_kind": latest.source_kind,
        "known_until": rule.known_until,
    }
    for explanation in latest.explanations.all():
        initial[f"title_{explanation.language}"] = explanation.title
        initial[f"worker_{explanation.language}"] = explanation.worker_text
        initial[f"employer_{explanation.language}"] = explanation.employer_text
    return initial


def _version_fields(form: RuleVersionForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "effective_from": data["effective_from"],
        "certainty": data["certainty"],
        "params": data["params"],
        "source_url": data["source_url"],
        "source_title": data["source_title"],
        "source_date": data["source_date"],
        "source_kind": data["source_kind"],
        "known_until": data["known_until"],
        "texts": {
            code: TextSpec(data[f"title_{code}"], data[f"worker_{code}"], data[f"employer_{code}"])
            for code, _name in settings.LANGUAGES
        },
    }
