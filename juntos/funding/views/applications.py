"""Applications: the lead's draft (text, partners, budget), partners' answers, submission."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.accounts.actors import signed_in
from juntos.core.forms import submit
from juntos.funding import selectors, services
from juntos.funding.forms import ApplicationForm, ApplicationStartForm, BudgetLineForm, PartnerForm
from juntos.funding.models import Application
from juntos.funding.organisations import applicant_choices, organisations_by_id
from juntos.funding.policies import applicant_organisations, can_answer_for_partner


def _done(remove: Any, **arguments: Any) -> bool:
    """Run a removal (it returns nothing) and say it was done."""
    remove(**arguments)
    return True


def _one_of(rows: Any, pk: int) -> Any:
    """The application's own partner or budget line with this id, or a 404."""
    found = next((row for row in rows.all() if row.pk == pk), None)
    if found is None:
        raise Http404
    return found


def _act(request: HttpRequest, application: Application, action: Any, done: str) -> HttpResponse:
    """A button with no fields: run it, say it was done or why not, and go back to the draft."""
    form = forms.Form(request.POST)
    if submit(form, action):
        messages.success(request, done)
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return redirect("funding:application", application_id=application.pk)


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    """The applications the person's organisations lead or partner in."""
    found = list(selectors.applications_for(request.user)[:200])
    ids = {a.lead_organisation_id for a in found}
    context = {"applications": found, "names": selectors.organisation_names(ids)}
    return render(request, "funding/application_list.html", context)


@login_required
@require_POST
def application_start(request: HttpRequest, call_id: int) -> HttpResponse:
    actor = signed_in(request)
    call = selectors.get_call(call_id)
    mine = applicant_organisations(actor)
    if request.POST.get("lead_organisation", "") not in {str(pk) for pk in mine}:
        raise Http404  # only for an organisation one works for
    form = ApplicationStartForm(
        request.POST, organisations=list(organisations_by_id(mine).values())
    )
    application = submit(
        form,
        lambda: services.application_start(
            actor=actor,
            call=call,
            lead_organisation_id=form.cleaned_data["lead_organisation"],
            title=form.cleaned_data["title"],
            language=translation.get_language() or "en",
        ),
    )
    if application is None:
        messages.error(
            request,
            _("The application could not be started: %(why)s")
            % {"why": " ".join(str(e) for e in form.errors.values())},
        )
        return redirect("funding:call", call_id=call.pk)
    messages.success(request, _("Your draft is saved. Add partners and the budget."))
    return redirect("funding:application", application_id=application.pk)


def _page(request: HttpRequest, application: Application, **forms_given: Any) -> HttpResponse:
    editing = selectors.is_lead_staff(request.user, application) and application.status == "draft"
    partners = list(application.partners.all())
    names = selectors.organisation_names(
        {application.lead_organisation_id, *(p.organisation_id for p in partners)}
    )
    choices = [o for o in applicant_choices() if o.pk != application.lead_organisation_id]
    form = forms_given.get("form") or ApplicationForm(
        initial={
            "title": application.title,
            "summary": application.summary,
            "lead_share": application.lead_share,
        }
    )
    for name in ("title", "summary"):  # what was written keeps its language's mark
        form.fields[name].widget.attrs["lang"] = application.language
    context = {
        "application": application,
        "call": application.call,
        "partners": [(p, names.get(p.organisation_id, "")) for p in partners],
        "lead_name": names.get(application.lead_organisation_id, ""),
        "lines": list(application.budget_lines.all()),
        "total": selectors.budget_total(application),
        "problems": services.budget_problems(application) if editing else {},
        "editing": editing,
        "answerable": [
            p for p in partners if can_answer_for_partner(request.user, p.organisation_id)
        ],
        "form": form,
        "partner_form": forms_given.get("partner_form") or PartnerForm(organisations=choices),
        "line_form": forms_given.get("line_form")
        or BudgetLineForm(initial={"currency": application.call.currency}),
        "submit_form": forms_given.get("submit_form") or forms.Form(),
        "deadline": selectors.deadline_local(application.call),
    }
    return render(request, "funding/application_detail.html", context)


@login_required
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    """The application; its lead edits the draft here (saving as often as needed)."""
    actor = signed_in(request)
    application = selectors.get_application_for(actor, application_id)
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        saved = submit(
            form,
            lambda: services.application_update(
                actor=actor,
                application=application,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                lead_share=form.cleaned_data["lead_share"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Your draft is saved."))
            return redirect("funding:application", application_id=application.pk)
        return _page(request, application, form=form)
    return _page(request, application)


@login_required
@require_POST
def partner_add(request: HttpRequest, application_id: int) -> HttpResponse:
    actor = signed_in(request)
    application = selectors.get_application_for(actor, application_id)
    choices = [o for o in applicant_choices() if o.pk != application.lead_organisation_id]
    form = PartnerForm(request.POST, organisations=choices)
    done = submit(
        form,
        lambda: services.partner_add(
            actor=actor,
            application=application,
            organisation_id=form.cleaned_data["organisation"],
            share=form.cleaned_data["share"],
        ),
    )
    if done is None:
        return _page(request, application, partner_form=form)
    messages.success(request, _("The partner is asked to confirm."))
    return redirect("funding:application", application_id=application.pk)


@login_required
@require_POST
def partner_remove(request: HttpRequest, application_id: int, partner_id: int) -> HttpResponse:
    actor = signed_in(request)
    application = selectors.get_application_for(actor, application_id)
    partner = _one_of(application.partners, partner_id)
    return _act(
        request,
        application,
        lambda: _done(services.partner_remove, actor=actor, partner=partner),
        _("The partner is removed."),
    )


@login_required
@require_POST
def partner_answer(request: HttpRequest, application_id: int, partner_id: int) -> HttpResponse:
    """A partner's own staff confirm or decline its part."""
    actor = signed_in(request)
    application = selectors.get_application_for(actor, application_id)
    partner = _one_of(application.partners, partner_id)
    if not can_answer_for_partner(actor, partner.organisation_id):
        raise Http404
    confirm = request.POST.get("answer") == "confirm"
    return _act(
        request,
        application,
        lambda: services.partner_answer(actor=actor, partner=partner, confirm=confirm),
        _("Your organisation confirmed its part.")
        if confirm
        else _("Your organisation declined its part."),
    )


@login_required
@require_POST
def line_add(request: HttpRequest, application_id: int) -> HttpResponse:
    actor = signed_in(request)
    application = selectors.get_application_for(actor, application_id)
    form = BudgetLineForm(request.POST)
    done = submit(
        form,
        lambda: services.budget_line_add(actor=actor, application=application, **form.cleaned_data),
    )
    if done is None:
        return _page(request, application, line_form=form)
    messages.success(request, _("The budget line is added."))
    return redirect("funding:application", application_id=application.pk)


@login_required
@require_POST
def line_remove(request: HttpRequest, application_id: int, line_id: int) -> HttpResponse:
    actor = signed_in(request)
    application = selectors.get_application_for(actor, application_id)
    line = _one_of(application.budget_lines, line_id)
    return _act(
        request,
        application,
        lambda: _done(services.budget_line_remove, actor=actor, line=line),
        _("The budget line is removed."),
    )


@login_required
@require_POST
def application_submit(request: HttpRequest, application_id: int) -> HttpResponse:
    """Submit; a refusal (deadline, partners, budget) says why and keeps the draft."""
    actor = signed_in(request)
    application = selectors.get_application_for(actor, application_id)
    if not selectors.is_lead_staff(actor, application):
        raise PermissionDenied
    form = forms.Form(request.POST)
    if (
        submit(form, lambda: services.application_submit(actor=actor, application=application))
        is None
    ):
        return _page(
            request, selectors.get_application_for(actor, application_id), submit_form=form
        )
    messages.success(request, _("The application is submitted."))
    return redirect("funding:application", application_id=application.pk)
