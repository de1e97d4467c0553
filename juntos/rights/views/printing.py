"""Pamphlets for workshops and consulates, and the employer workshop pack, as PDFs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from juntos.core.jurisdictions import Program, Province
from juntos.rights import selectors
from juntos.rights.choices import Topic
from juntos.rights.forms import ChoiceForm
from juntos.rights.pamphlets import pdf_response
from juntos.rights.remembered import read_choice


def _language() -> str:
    return translation.get_language() or "en"


def _choice_from(request: HttpRequest) -> tuple[str, str] | None:
    """Province and program from the query string, else from the cookie."""
    if "province" in request.GET or "program" in request.GET:
        form = ChoiceForm(request.GET)
        if not form.is_valid():
            return None
        return form.cleaned_data["province"], form.cleaned_data["program"]
    return read_choice(request)


def _choose_first(request: HttpRequest) -> HttpResponse:
    return render(
        request, "rights/choose_first.html", {"form": ChoiceForm(request.GET or None)}, status=400
    )


@require_GET
def article_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """One article as a printable page."""
    page = selectors.get_article_page(slug, _language())
    return pdf_response(
        "rights/pdf/article.html",
        {"page": page},
        live_path=reverse("rights:article", kwargs={"slug": slug}),
        filename=f"{slug}-{_language()}.pdf",
    )


@require_GET
def topic_pdf(request: HttpRequest, topic: str) -> HttpResponse:
    """Every article of one topic for the chosen province and program."""
    if topic not in Topic.values:
        return render(
            request,
            "rights/choose_first.html",
            {"form": ChoiceForm(), "unknown_topic": True},
            status=404,
        )
    choice = _choice_from(request)
    if choice is None:
        return _choose_first(request)
    items = selectors.topic_cards(
        topic=topic, province=choice[0], program=choice[1], language=_language()
    )
    context = {
        "topic_label": Topic(topic).label,
        "items": items,
        "province_label": Province(choice[0]).label,
        "program_label": Program(choice[1]).label,
    }
    return pdf_response(
        "rights/pdf/topic.html",
        context,
        live_path=reverse(
            "rights:browse", kwargs={"province": choice[0].lower(), "program": choice[1]}
        ),
        filename=f"{topic}-{choice[0].lower()}-{choice[1]}-{_language()}.pdf",
    )


@require_GET
def employer_pack(request: HttpRequest) -> HttpResponse:
    """A workshop pack for employers new to hiring temporary foreign workers."""
    choice = _choice_from(request)
    if choice is None:
        return _choose_first(request)
    cards = selectors.obligations_for(province=choice[0], program=choice[1], language=_language())
    context = {
        "cards": cards,
        "province_label": Province(choice[0]).label,
        "program_label": Program(choice[1]).label,
    }
    return pdf_response(
        "rights/pdf/employer_pack.html",
        context,
        live_path=reverse("rights:obligations") + f"?province={choice[0]}&program={choice[1]}",
        filename=f"employer-pack-{choice[0].lower()}-{choice[1]}-{_language()}.pdf",
    )
