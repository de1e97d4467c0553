"""The worker's pages: choose province and program, browse by topic, read, search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET

from juntos.core.jurisdictions import Program, Province
from juntos.rights import selectors
from juntos.rights.choices import Topic
from juntos.rights.forms import ChoiceForm, SearchForm
from juntos.rights.remembered import read_choice, remember_choice
from juntos.rights.search import search_page

RESULTS_PER_PAGE = 10


def _language() -> str:
    return translation.get_language() or "en"


def _labels(province: str, program: str) -> dict[str, str]:
    return {
        "province": province,
        "program": program,
        "province_label": str(Province(province).label),
        "program_label": str(Program(program).label),
    }


def _library(
    request: HttpRequest, province: str, program: str, *, status: int = 200
) -> HttpResponse:
    groups = selectors.articles_by_topic(province=province, program=program, language=_language())
    context = {
        "form": ChoiceForm(initial={"province": province, "program": program}),
        "search_form": SearchForm(),
        "groups": groups,
        "choice": _labels(province, program),
    }
    return render(request, "rights/index.html", context, status=status)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Pick province and program once (a GET form), then see the articles by topic."""
    if "province" in request.GET or "program" in request.GET:
        form = ChoiceForm(request.GET)
        if form.is_valid():
            province, program = form.cleaned_data["province"], form.cleaned_data["program"]
            response = redirect("rights:index")
            return remember_choice(response, province, program)
        return render(request, "rights/index.html", {"form": form, "search_form": SearchForm()})
    choice = read_choice(request)
    if choice is None:
        return render(
            request, "rights/index.html", {"form": ChoiceForm(), "search_form": SearchForm()}
        )
    return _library(request, *choice)


@require_GET
def browse(request: HttpRequest, province: str, program: str) -> HttpResponse:
    """A shareable address for one province and program; unknown values get a clear message."""
    valid_province = selectors.valid_province(province)
    valid_program = selectors.valid_program(program)
    if valid_province is None or valid_program is None:
        form = ChoiceForm()
        problem = (
            _("We do not know the province or territory “%(code)s”. Choose yours from the list.")
            % {"code": province[:20]}
            if valid_province is None
            else _("We do not know the program “%(code)s”. Choose yours from the list.")
            % {"code": program[:20]}
        )
        context = {"form": form, "search_form": SearchForm(), "problem": problem}
        return render(request, "rights/index.html", context, status=404)
    return remember_choice(
        _library(request, valid_province, valid_program), valid_province, valid_program
    )


def _article_etag(request: HttpRequest, slug: str) -> str | None:
    return selectors.article_etag(slug, _language(), request.user.pk)


@require_GET
@condition(etag_func=_article_etag)
def article(request: HttpRequest, slug: str) -> HttpResponse:
    """One article: the answer first, when it took effect, what changed last, the source.

    A phone that already has the page gets "304 Not Modified" instead of the page again.
    """
    page = selectors.get_article_page(slug, _language())
    response = render(request, "rights/article.html", {"page": page})
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def changes(request: HttpRequest, slug: str) -> HttpResponse:
    """Every published version of an article with what changed, newest first."""
    article, history = selectors.article_history(slug, _language())
    return render(request, "rights/changes.html", {"article": article, "history": history})


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Full-text search in the reader's language, within their province and program if chosen."""
    form = SearchForm(request.GET or None)
    outcome = None
    choice = read_choice(request)
    if form.is_bound and form.is_valid():
        province, program = choice or ("", "")
        # Ten answers fit a phone screen; more is scrolling, not finding.
        outcome = search_page(
            form.cleaned_data["q"],
            language=_language(),
            province=province,
            program=program,
            limit=RESULTS_PER_PAGE,
        )
    context = {
        "form": form,
        "outcome": outcome,
        "hits": outcome.hits if outcome else None,
        "topics": Topic.choices,
        "choice": _labels(*choice) if choice else None,
    }
    return render(request, "rights/search.html", context)


@require_GET
def obligations(request: HttpRequest) -> HttpResponse:
    """The employer's view: the same facts, as what the employer must do."""
    form = ChoiceForm(request.GET or None)
    choice = read_choice(request)
    if form.is_bound and form.is_valid():
        choice = form.cleaned_data["province"], form.cleaned_data["program"]
    elif choice is not None and not form.is_bound:
        form = ChoiceForm(initial={"province": choice[0], "program": choice[1]})
    cards = None
    if choice is not None and not form.errors:
        cards = selectors.obligations_for(
            province=choice[0], program=choice[1], language=_language()
        )
    context = {
        "form": form,
        "cards": cards,
        "choice": _labels(*choice) if choice and cards is not None else None,
    }
    return render(request, "rights/obligations.html", context)
