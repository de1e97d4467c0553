"""The worker's profile, goals, grants and training plan; claiming a workshop profile."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from juntos.core.forms import field_row, row_urls
from juntos.learning import selectors, services
from juntos.learning.forms import (
    ClaimForm,
    GoalForm,
    GrantForm,
    LanguageForm,
    ObjectiveForm,
    ProfileForm,
    ResearchConsentForm,
    SeasonForm,
    SkillForm,
)
from juntos.learning.models import WorkerProfile
from juntos.learning.views._common import add_errors, rights_url, staff_organisations

ITEM_FORMS: dict[str, type[forms.Form]] = {
    "language": LanguageForm,
    "season": SeasonForm,
    "skill": SkillForm,
    "goal": GoalForm,
}


def _objective_form(profile: WorkerProfile, data: Any = None) -> ObjectiveForm:
    language = translation.get_language() or "en"
    return ObjectiveForm(data, courses=selectors.plan_course_choices(profile, language))


def _plan_rows(profile: WorkerProfile) -> list[tuple[Any, bool]]:
    """Each objective with whether it is done (ticked, or its course completed); the
    selectors annotate `course_completed`."""
    objectives = profile.objectives.all()
    return [(o, bool(o.done_at) or o.course_completed) for o in objectives]  # type: ignore[attr-defined]


# The blank item forms' fields by (form, language[, choices]): see _fields.
_BLANK_FIELDS: dict[tuple[object, ...], str] = {}
_MOST_BLANK_FIELDS = 256


def _fields(item: str, form: forms.Form | None) -> str:
    """The fields of the item's form (`form`, bound, or a blank one for None) as `field_row`
    writes them.

    A blank item form has fixed choices and no data, so its fields are the same HTML for
    everyone who reads the page in one language: each process makes the form and writes them
    once per language (made and written anew on every request, they were half the profile
    page's time).
    """
    if form is not None:
        return render_to_string("learning/_fields.html", {"form": form})
    key = (item, translation.get_language() or "")
    if key not in _BLANK_FIELDS:
        blank = ITEM_FORMS[item]()
        _BLANK_FIELDS[key] = render_to_string("learning/_fields.html", {"form": blank})
    return _BLANK_FIELDS[key]


def _blank_fields(key: tuple[object, ...], form: forms.Form, names: tuple[str, ...]) -> str:
    """Some fields of a blank form, written once per process for the key (which must hold
    everything they show besides the language: their choices, if any); "" for a bound form,
    which the template writes itself."""
    if form.is_bound:
        return ""
    key = (*key, translation.get_language() or "")
    found = _BLANK_FIELDS.get(key)
    if found is None:
        if len(_BLANK_FIELDS) >= _MOST_BLANK_FIELDS:
            _BLANK_FIELDS.clear()
        fields = [form[name] for name in names]
        found = _BLANK_FIELDS[key] = mark_safe(  # noqa: S308 - escaped by field_row
            "".join(field_row(f) for f in fields)
        )
    return found


def _objective_context(form: ObjectiveForm) -> dict[str, object]:
    """The objective form and its title and date fields, which are the same for everyone."""
    return {
        "objective_form": form,
        "objective_fixed_fields": _blank_fields(("objective",), form, ("title", "target_on")),
    }


def _profile_page(
    request: HttpRequest, profile: WorkerProfile, **bound: forms.Form
) -> HttpResponse:
    grants = profile.active_grants  # type: ignore[attr-defined]
    viewers, names = selectors.profile_organisations(profile)
    plan = _plan_rows(profile)
    remove = {item: row_urls("learning:profile_remove", item) for item in ITEM_FORMS}
    context = {
        "profile": profile,
        # Each item with the address of its remove button, reversed once per kind.
        "goals": [(x, remove["goal"](x.pk)) for x in profile.goals.all()],
        "languages": [(x, remove["language"](x.pk)) for x in profile.languages.all()],
        "seasons": [(x, remove["season"](x.pk)) for x in profile.seasons.all()],
        "skills": [(x, remove["skill"](x.pk)) for x in profile.skills.all()],
        "plan": plan,
        "plan_done": sum(1 for _o, done in plan if done),
        "grants": [(g, names.get(g.organisation_id, "")) for g in grants],
        "workshops": profile.workshop_rows,  # type: ignore[attr-defined]
        "rights_url": rights_url(),
    }
    for item in ITEM_FORMS:
        form = bound.get(item)  # None for a blank one: it has nothing to say but its fields
        context[f"{item}_form"] = form
        context[f"{item}_fields"] = _fields(item, form)
    grant_form = bound.get("grant") or GrantForm(organisations=viewers)
    objective_form = bound.get("objective") or _objective_form(profile)
    assert isinstance(objective_form, ObjectiveForm)
    context |= {
        "grant_form": grant_form,
        # The organisations she may choose are the same for every worker (the public list).
        "grant_fields": _blank_fields(("grant", *viewers), grant_form, ("organisation",)),
        **_objective_context(objective_form),
    }
    return render(request, "learning/profile.html", context, status=400 if bound else 200)


def _own_profile(request: HttpRequest) -> WorkerProfile:
    profile = selectors.profile_details_of(request.user)
    if profile is None:
        raise Http404
    return profile


@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    found = selectors.profile_details_of(request.user)
    if found is None:
        return render(request, "learning/profile_start.html", {"claim_form": ClaimForm()})
    return _profile_page(request, found)


@login_required
@require_POST
def profile_start(request: HttpRequest) -> HttpResponse:
    services.profile_start(actor=request.user)
    return redirect("learning:profile")


@login_required
@require_http_methods(["GET", "POST"])
def claim(request: HttpRequest) -> HttpResponse:
    form = ClaimForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_claim(actor=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The profile from your workshop is now yours."))
            return redirect("learning:profile")
    return render(
        request, "learning/claim.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    found = _own_profile(request)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(actor=request.user, profile=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("learning:profile")
    return render(request, "learning/profile_edit.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def research_consent(request: HttpRequest) -> HttpResponse:
    """She reads what research extracts hold and turns her consent on or off."""
    found = _own_profile(request)
    form = ResearchConsentForm(
        request.POST if request.method == "POST" else None,
        initial={"research_consent": found.research_consent},
    )
    if request.method == "POST" and form.is_valid():
        consent = form.cleaned_data["research_consent"]
        services.research_consent_set(actor=request.user, profile=found, consent=consent)
        messages.success(
            request,
            _("You are counted in research extracts from now on.")
            if consent
            else _("You are left out of every research extract made from now on."),
        )
        return redirect("learning:profile")
    return render(request, "learning/research_consent.html", {"form": form, "profile": found})


ITEM_SERVICES: dict[str, Callable[..., Any]] = {
    "language": services.profile_language_add,
    "season": services.season_add,
    "skill": services.skill_add,
    "goal": services.goal_set,
}


@login_required
@require_POST
def profile_add(request: HttpRequest, item: str) -> HttpResponse:
    if item not in ITEM_FORMS:
        raise Http404
    found = _own_profile(request)
    form = ITEM_FORMS[item](request.POST)
    if form.is_valid():
        try:
            ITEM_SERVICES[item](actor=request.user, profile=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("learning:profile")
    return _profile_page(request, found, **{item: form})


@login_required
@require_POST
def profile_remove(request: HttpRequest, item: str, item_id: int) -> HttpResponse:
    found = _own_profile(request)
    if item not in ITEM_FORMS:
        raise Http404
    services.profile_item_remove(actor=request.user, profile=found, item=item, item_id=item_id)
    messages.success(request, _("Removed."))
    return redirect("learning:profile")


@login_required
@require_POST
def grant_add(request: HttpRequest) -> HttpResponse:
    found = _own_profile(request)
    form = GrantForm(request.POST, organisations=selectors.profile_viewer_organisations())
    if form.is_valid():
        try:
            services.grant_add(
                actor=request.user, profile=found, organisation_id=form.cleaned_data["organisation"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("This organisation can now see your profile and plan."))
            return redirect("learning:profile")
    return _profile_page(request, found, grant=form)


@login_required
@require_POST
def grant_revoke(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant = selectors.get_own_grant_for(request.user, grant_id)
    services.grant_revoke(actor=request.user, grant=grant)
    messages.success(request, _("This organisation can no longer see your profile."))
    return redirect("learning:profile")


def _back_to(request: HttpRequest, found: WorkerProfile) -> HttpResponse:
    if found.user_id == request.user.pk:
        return redirect("learning:profile")
    return redirect("learning:advisee", profile_id=found.pk)


@login_required
@require_POST
def objective_add(request: HttpRequest, profile_id: int) -> HttpResponse:
    found = selectors.get_profile_for(request.user, profile_id)
    form = _objective_form(found, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.objective_add(
            actor=request.user,
            profile=found,
            title=data["title"],
            target_on=data["target_on"],
            course_id=data["course"],
        )
        messages.success(request, _("Added to the training plan."))
        return _back_to(request, found)
    if found.user_id == request.user.pk:
        return _profile_page(request, found, objective=form)
    return _advisee_page(request, found, form)


@login_required
@require_POST
def objective_mark(request: HttpRequest, objective_id: int) -> HttpResponse:
    objective = selectors.get_own_objective_for(request.user, objective_id)
    services.objective_mark(
        actor=request.user, objective=objective, done=request.POST.get("done") == "1"
    )
    return _back_to(request, objective.profile)


@login_required
@require_GET
def advisees(request: HttpRequest) -> HttpResponse:
    if not staff_organisations(request.user):
        raise Http404
    return render(
        request, "learning/advisees.html", {"profiles": selectors.advisees_for(request.user)}
    )


def _advisee_page(
    request: HttpRequest, found: WorkerProfile, form: ObjectiveForm | None = None
) -> HttpResponse:
    plan = _plan_rows(found)
    return render(
        request,
        "learning/advisee.html",
        {
            "profile": found,
            "plan": plan,
            "plan_done": sum(1 for _o, done in plan if done),
            **_objective_context(form or _objective_form(found)),
        },
        status=400 if form else 200,
    )


@login_required
@require_GET
def advisee(request: HttpRequest, profile_id: int) -> HttpResponse:
    return _advisee_page(request, selectors.get_profile_for(request.user, profile_id))
