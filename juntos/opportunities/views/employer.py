"""Employers and recruiters: post a vacancy, see its checks, candidates and applicants, hire;
coordinators review vacancies the checker could not clear."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from juntos.accounts.actors import signed_in
from juntos.compliance.choices import DeductionType
from juntos.core.forms import add_service_errors
from juntos.opportunities import policies, selectors, services
from juntos.opportunities.forms import VacancyForm
from juntos.opportunities.models import Vacancy


def _employer_choices(request: HttpRequest) -> list[tuple[int, str]]:
    user = signed_in(request)
    own = policies.employer_organisations_of(user)
    if policies.recruiter_organisations_of(user):
        from juntos.accounts.selectors import organisations_of_kind

        return list(organisations_of_kind("employer").values_list("pk", "name"))
    names = selectors.organisation_names(own)
    return sorted(names.items(), key=lambda kv: kv[1])


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not policies.can_post_vacancies(user):
        raise Http404
    employers = _employer_choices(request)
    form = VacancyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = request.POST.get("employer", "")
        employer_id = int(chosen) if chosen.isdigit() else employers[0][0]
        facts = form.facts()
        try:
            with transaction.atomic():  # a refusal keeps no half-made draft
                vacancy = services.vacancy_create(
                    actor=user, employer_organisation_id=employer_id, facts=facts
                )
                vacancy = services.vacancy_publish(
                    actor=user, vacancy=vacancy, language=get_language() or "en"
                )
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, PermissionDenied):
                raise Http404 from error
            add_service_errors(form, error)
        else:
            return redirect("opportunities:manage", vacancy_id=vacancy.pk)
    return render(request, "opportunities/vacancy_new.html", {"form": form, "employers": employers})


@login_required
def my_vacancies(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not policies.can_post_vacancies(user):
        raise Http404
    rows = list(selectors.vacancies_managed_by(user)[:200])
    return render(request, "opportunities/my_vacancies.html", {"vacancies": rows})


@login_required
def manage(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy, candidates, applicants = selectors.match_page_for(signed_in(request), vacancy_id)
    context = {"vacancy": vacancy, "candidates": candidates, "applicants": applicants}
    return render(request, "opportunities/manage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_edit(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    user = signed_in(request)
    vacancy = selectors.get_editable_vacancy_for(user, vacancy_id)
    form = VacancyForm(request.POST or None, initial=vacancy_initial(vacancy))
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_update(
                actor=user, vacancy=vacancy, facts=form.facts(),
                language=get_language() or "en",
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            status = vacancy.get_status_display()
            messages.success(request, _("Saved. Status: %(status)s") % {"status": status})
            return redirect("opportunities:manage", vacancy_id=vacancy.pk)
    return render(request, "opportunities/vacancy_edit.html", {"form": form, "vacancy": vacancy})


def vacancy_initial(vacancy: Vacancy) -> dict[str, object]:
    """The edit form as the vacancy stands."""
    deductions = vacancy.deductions or {}
    return {
        "title": vacancy.title,
        "occupation": vacancy.occupation,
        "province": vacancy.province,
        "program": vacancy.program,
        "starts_on": vacancy.starts_on,
        "ends_on": vacancy.ends_on,
        "hours_per_week": vacancy.hours_per_week,
        "hourly_wage": vacancy.hourly_wage,
        "housing": vacancy.housing,
        "housing_deduction": deductions.get(str(DeductionType.HOUSING), ""),
        "utilities_deduction": deductions.get(str(DeductionType.UTILITIES), ""),
        "recruitment_fee": vacancy.recruitment_fee or "",
        "skills": ", ".join(vacancy.skills),
        "languages": list(vacancy.languages),
        "description": vacancy.description,
    }


@login_required
@require_POST
def vacancy_close(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    user = signed_in(request)
    vacancy = selectors.get_managed_vacancy_for(user, vacancy_id)
    services.vacancy_close(actor=user, vacancy=vacancy)
    messages.success(request, _("Closed. The workers who applied or were invited are told."))
    return redirect("opportunities:manage", vacancy_id=vacancy.pk)


@login_required
@require_POST
def invite(request: HttpRequest, vacancy_id: int, pseudonym: str) -> HttpResponse:
    user = signed_in(request)
    vacancy = selectors.get_managed_vacancy_for(user, vacancy_id)
    worker_id = selectors.candidate_worker_id(user, vacancy, pseudonym)
    try:
        services.application_invite(actor=user, vacancy=vacancy, worker_id=worker_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Invitation sent. You will see who this is only if the worker applies.")
        )
    return redirect("opportunities:manage", vacancy_id=vacancy.pk)


@login_required
@require_POST
def hire(request: HttpRequest, application_id: int) -> HttpResponse:
    user = signed_in(request)
    application = selectors.get_applicant_for(user, application_id)
    try:
        services.application_hire(actor=user, application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Hired. This worker can be named back for next season."))
    return redirect("opportunities:manage", vacancy_id=application.vacancy_id)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not policies.can_review_vacancies(user):
        raise Http404
    rows = list(selectors.vacancies_to_review(user)[:200])
    return render(request, "opportunities/review_queue.html", {"vacancies": rows})


@login_required
@require_POST
def review(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    user = signed_in(request)
    vacancy = selectors.get_vacancy_to_review_for(user, vacancy_id)
    services.vacancy_review(actor=user, vacancy=vacancy, publish=request.POST.get("publish") == "1")
    return redirect("opportunities:review_queue")
