"""Calls: the public list and page, and the coordinator's form to open one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from juntos.accounts.actors import signed_in
from juntos.core.forms import submit
from juntos.funding import selectors, services
from juntos.funding.forms import LANGUAGE_NAMES, ApplicationStartForm, CallForm
from juntos.funding.organisations import organisations_by_id
from juntos.funding.policies import applicant_organisations, is_funding_coordinator


def index(request: HttpRequest) -> HttpResponse:
    """Every call, open ones first; anyone may read them."""
    language = translation.get_language() or "en"
    calls = [(c, selectors.call_text(c, "title", language)) for c in selectors.calls_listed()[:100]]
    context = {
        "calls": calls,
        "is_coordinator": is_funding_coordinator(request.user),
        "can_apply": bool(applicant_organisations(request.user)),
    }
    return render(request, "funding/index.html", context)


def call_detail(request: HttpRequest, call_id: int) -> HttpResponse:
    """A call: its texts, deadline in its own zone, rubric and the recommendations it serves."""
    call = selectors.get_call(call_id)
    language = translation.get_language() or "en"
    mine = applicant_organisations(request.user)
    start_form = None
    if mine and call.status == "open":
        start_form = ApplicationStartForm(organisations=list(organisations_by_id(mine).values()))
    context = {
        "call": call,
        "title": selectors.call_text(call, "title", language),
        "description": selectors.call_text(call, "description", language),
        "eligibility": selectors.call_text(call, "eligibility", language),
        "source_language": selectors.call_text(call, "title", "en").language,
        "missing": [LANGUAGE_NAMES[lang] for lang in selectors.call_languages_missing(call)],
        "deadline": selectors.deadline_local(call),
        "recommendations": selectors.call_recommendations(call),
        "start_form": start_form,
        "is_coordinator": is_funding_coordinator(request.user),
    }
    return render(request, "funding/call_detail.html", context)


@login_required
def call_create(request: HttpRequest) -> HttpResponse:
    """The coordinator opens a call from adopted recommendations."""
    actor = signed_in(request)
    if not is_funding_coordinator(actor):
        raise PermissionDenied
    form = CallForm(request.POST or None, adopted=selectors.adopted_choices())
    if request.method == "POST":
        call = submit(form, lambda: _open(actor, form))
        if call is not None:
            messages.success(request, _("The call is open."))
            return redirect("funding:call", call_id=call.pk)
    return render(request, "funding/call_form.html", {"form": form})


def _open(actor: object, form: CallForm) -> object:
    data = form.cleaned_data
    languages = ("en", "es", "fr")
    return services.call_open(
        actor=actor,  # type: ignore[arg-type]
        titles={lang: data[f"title_{lang}"] for lang in languages},
        descriptions={lang: data[f"description_{lang}"] for lang in languages},
        eligibility={lang: data[f"eligibility_{lang}"] for lang in languages},
        amount=data["amount"],
        currency=data["currency"],
        deadline_local=data["deadline"].replace(tzinfo=None),
        time_zone=data["time_zone"],
        required_partners=data["required_partners"],
        reviews_needed=data["reviews_needed"],
        criteria=data["criteria"],
        recommendation_ids=data["recommendations"],
        category_caps=form.caps(),
        indicators=data["indicators"],
    )
