"""Public vacancy pages: the list and one vacancy with its JobPosting JSON-LD (no JavaScript)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from juntos.opportunities import selectors
from juntos.opportunities.jsonld import job_posting
from juntos.opportunities.noc import catalogue, occupation

MAX_LISTED = 100


@require_GET
def vacancies(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.published_vacancies()[:MAX_LISTED])
    names = selectors.organisation_names({v.employer_organisation_id for v in rows})
    cards = [(v, names.get(v.employer_organisation_id, ""), occupation(v.occupation)) for v in rows]
    return render(request, "opportunities/vacancies.html", {"cards": cards})


@require_GET
def vacancy(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    found = selectors.get_published_vacancy(vacancy_id)
    employer = selectors.organisation_names({found.employer_organisation_id}).get(
        found.employer_organisation_id, ""
    )
    language = get_language() or "en"
    context = {
        "vacancy": found,
        "employer": employer,
        "occupation": occupation(found.occupation),
        "noc": catalogue(),
        "jsonld": job_posting(
            found, employer_name=employer, url=request.build_absolute_uri(), language=language
        ),
        "is_worker": request.user.is_authenticated and request.user.sector == "migrant-worker",
    }
    return render(request, "opportunities/vacancy.html", context)
