"""The rules desk: editors see the versions waiting for a second editor, approve or reject
them, and the rules whose known period runs out."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from juntos.compliance import selectors, services
from juntos.compliance.policies import can_approve_rule_version, can_manage_rules


@login_required
@require_GET
def rules_desk(request: HttpRequest) -> HttpResponse:
    if not can_manage_rules(request.user):
        raise PermissionDenied
    language = translation.get_language() or "en"
    today = timezone.localdate()
    proposals = [
        (
            version,
            selectors.wording_of(version, language),
            can_approve_rule_version(request.user, version),
        )
        for version in selectors.rule_versions_proposed()
    ]
    context = {
        "proposals": proposals,
        "running_out": selectors.rules_running_out(today=today),
        "today": today,
    }
    return render(request, "compliance/rules_desk.html", context)


def _review(request: HttpRequest, version_id: int, *, approve: bool) -> HttpResponse:
    if not can_manage_rules(request.user):
        raise PermissionDenied
    version = selectors.get_proposed_version(version_id)
    try:
        if approve:
            services.rule_version_approve(actor=request.user, version=version)
        else:
            services.rule_version_reject(actor=request.user, version=version)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Approved: the checker and the articles now use this version.")
            if approve
            else _("Rejected: this version will never take effect."),
        )
    return redirect("compliance:rules_desk")


@login_required
@require_POST
def rule_version_approve(request: HttpRequest, version_id: int) -> HttpResponse:
    return _review(request, version_id, approve=True)


@login_required
@require_POST
def rule_version_reject(request: HttpRequest, version_id: int) -> HttpResponse:
    return _review(request, version_id, approve=False)
