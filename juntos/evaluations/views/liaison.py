"""The liaison's pages: set up or unlock the organisation's key, the sealed list, reading one
(audited), and watching a "would rehire" season."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from juntos.accounts.actors import signed_in
from juntos.core.forms import add_service_errors
from juntos.core.privacy import client_address
from juntos.evaluations import selectors, services
from juntos.evaluations.choices import EvaluationKind
from juntos.evaluations.forms import KeySetupForm, UnlockForm
from juntos.evaluations.policies import liaison_organisations_of
from juntos.evaluations.views._common import (
    UNLOCK_COOKIE,
    clear_unlock_cookie,
    readable_answers,
    set_unlock_cookie,
)


def _organisation(request: HttpRequest) -> int:
    organisations = sorted(liaison_organisations_of(signed_in(request)))
    if not organisations:
        raise Http404
    return organisations[0]


@login_required
@require_http_methods(["GET", "POST"])
def unlock(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    organisation_id = _organisation(request)
    key = selectors.liaison_key_of(organisation_id)
    form = (UnlockForm if key else KeySetupForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        passphrase = form.cleaned_data["passphrase"]
        try:
            if key is None:
                services.liaison_key_create(
                    actor=user, organisation_id=organisation_id, passphrase=passphrase
                )
            value = services.liaison_unlock(
                actor=user,
                organisation_id=organisation_id,
                passphrase=passphrase,
                address=client_address(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            response = redirect("evaluations:liaison")
            set_unlock_cookie(response, value)
            return response
    live = selectors.live_unlock_of(user, request.COOKIES.get(UNLOCK_COOKIE))
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "has_key": key is not None, "live": live}
    return render(request, "evaluations/unlock.html", context, status=status)


@login_required
@require_POST
def lock(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    _organisation(request)
    services.liaison_lock(actor=user, cookie=request.COOKIES.get(UNLOCK_COOKIE))
    response = redirect("evaluations:unlock")
    clear_unlock_cookie(response)
    return response


@login_required
def liaison(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    _organisation(request)
    context = {
        "evaluations": list(selectors.sealed_for_liaison(user)[:200]),
        "live": selectors.live_unlock_of(user, request.COOKIES.get(UNLOCK_COOKIE)),
    }
    return render(request, "evaluations/liaison.html", context)


@login_required
def read(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    user = signed_in(request)
    evaluation = selectors.get_sealed_for(user, evaluation_id)
    try:
        opened = services.evaluation_open(
            actor=user, evaluation=evaluation, cookie=request.COOKIES.get(UNLOCK_COOKIE)
        )
    except ValidationError as error:
        context = {"evaluation": evaluation, "problem": error.messages[0]}
        return render(request, "evaluations/read_locked.html", context, status=403)
    content = opened.content
    context = {
        "evaluation": evaluation,
        "content": content,
        "kind_label": EvaluationKind(evaluation.kind).label,
        "answers": readable_answers(evaluation.kind, opened.answers),
        "can_watch": evaluation.kind == EvaluationKind.EMPLOYER_OF_WORKER
        and opened.answers.get("would_rehire") == "yes",
        "watch": getattr(evaluation, "rehire_watch", None),
    }
    return render(request, "evaluations/read.html", context)


@login_required
@require_POST
def watch(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    user = signed_in(request)
    evaluation = selectors.get_sealed_for(user, evaluation_id)
    try:
        services.rehire_watch_start(
            actor=user, evaluation=evaluation, cookie=request.COOKIES.get(UNLOCK_COOKIE)
        )
    except ValidationError as error:
        context = {"evaluation": evaluation, "problem": error.messages[0]}
        return render(request, "evaluations/read_locked.html", context, status=400)
    return redirect("evaluations:read", evaluation_id=evaluation.pk)
