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
from juntos.core.forms import add_service_errors
from juntos.opportunities import policies, selectors, services
from juntos.opportunities.forms import VacancyForm
from juntos.opportunities.reasons import explain


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
        data = form.cleaned_data
        facts = services.VacancyFacts(
            title=data["title"],
            occupation=data["occupation"],
            province=data["province"],
            program=data["program"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            hours_per_week=data["hours_per_week"],
            hourly_wage=data["hourly_wage"],
            housing=data["housing"],
            deductions=form.deductions(),
            recruitment_fee=data.get("recruitment_fee") or 0,  # type: ignore[arg-type]
            skills=tuple(s for s in data["skills"].split(",") if s.strip()),
            languages=tuple(data["languages"]),
            description=data["description"],
        )
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
    user = signed_in(request)
    vacancy = selectors.get_managed_vacancy_for(user, vacancy_id)
    candidates = []
    if vacancy.status == "published":
        candidates = [
            (c, [(p, explain(p)) for p in c.match.parts])
            for c in selectors.candidates_for(user, vacancy)
        ]
    context = {
        "vacancy": vacancy,
        "candidates": candidates,
        "applicants": list(selectors.applicants_of(user, vacancy)),
    }
    return render(request, "opportunities/manage.html", context)


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
