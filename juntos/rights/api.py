"""The rights library's JSON API: list, search and read articles, and subscribe to alerts."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from juntos.core.privacy import scrub_client_identity
from juntos.rights import selectors, services
from juntos.rights.choices import CONTENT_LANGUAGES, Frequency
from juntos.rights.figure_tags import render_figures
from juntos.rights.forms import MAX_QUERY
from juntos.rights.search import search_articles

router = Router(tags=["rights"])


class ArticleSummaryOut(Schema):
    slug: str
    title: str
    summary: str
    topics: list[str]
    out_of_date: bool


class ArticleOut(Schema):
    slug: str
    language: str
    title: str
    summary: str
    body: str
    what_changed: str
    effective_from: dt.date
    source_url: str
    source_title: str
    source_date: dt.date
    uncertain: bool
    out_of_date: bool
    version: int


class SearchHitOut(Schema):
    slug: str
    title: str
    summary: str
    score: float


class SubscriptionIn(Schema):
    channel: str
    address: str
    province: str
    programs: list[str] = []
    topics: list[str] = []
    language: str = "en"
    frequency: str = Frequency.IMMEDIATE


class SubscriptionOut(Schema):
    status: str


def _language(language: str) -> str:
    if language and language not in CONTENT_LANGUAGES:
        raise HttpError(400, "language must be one of: en, es, fr")
    return language or "en"


def _choice(province: str, program: str) -> tuple[str, str]:
    valid = selectors.valid_province(province), selectors.valid_program(program)
    if valid[0] is None or valid[1] is None:
        raise HttpError(400, "province and program must be known codes, e.g. BC and sawp-mx")
    return valid[0], valid[1]


@router.get(
    "/articles", response=list[ArticleSummaryOut], summary="Articles for a province and program"
)
def list_articles(
    request: HttpRequest, province: str, program: str, language: str = "en", topic: str = ""
) -> list[dict[str, object]]:
    province, program = _choice(province, program)
    groups = selectors.articles_by_topic(
        province=province, program=program, language=_language(language)
    )
    seen: dict[str, dict[str, object]] = {}
    for code, _label, cards in groups:
        if topic and code != topic:
            continue
        for card in cards:
            seen.setdefault(card.slug, {**card.__dict__})
    return list(seen.values())


@router.get("/articles/{slug}", response=ArticleOut, summary="One article in a language")
def read_article(request: HttpRequest, slug: str, language: str = "en") -> dict[str, object]:
    page = selectors.get_article_page(slug, _language(language))
    text, version = page.shown.text, page.version
    return {
        "slug": page.article.slug,
        "language": text.language,
        "title": text.title,
        "summary": render_figures(text.summary, text.language),
        "body": render_figures(text.body, text.language),
        "what_changed": render_figures(text.what_changed, text.language),
        "effective_from": version.effective_from,
        "source_url": version.source_url,
        "source_title": version.source_title,
        "source_date": version.source_date,
        "uncertain": version.is_uncertain,
        "out_of_date": page.shown.out_of_date,
        "version": version.number,
    }


@router.get("/search", response=list[SearchHitOut], summary="Full-text search in one language")
def search(
    request: HttpRequest, q: str, language: str = "en", province: str = "", program: str = ""
) -> list[object]:
    if not q.strip() or len(q) > MAX_QUERY:
        raise HttpError(400, f"q must be 1 to {MAX_QUERY} characters")
    if province or program:
        province, program = _choice(province, program)
    return list(
        search_articles(q, language=_language(language), province=province, program=program)
    )


@router.post(
    "/subscriptions", response={202: SubscriptionOut}, summary="Subscribe to change alerts"
)
def subscribe(request: HttpRequest, payload: SubscriptionIn) -> Status:
    # An anonymous flow: nothing that identifies the device may reach the service.
    scrub_client_identity(request)
    try:
        with translation.override(_language(payload.language)):
            subscription = services.subscription_create(
                actor=request.user,
                channel=payload.channel,
                address=payload.address,
                province=payload.province.upper(),
                programs=payload.programs,
                topics=payload.topics,
                language=payload.language,
                frequency=payload.frequency,
            )
    except ValidationError as error:
        raise HttpError(
            400, "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        ) from error
    return Status(202, {"status": "active" if subscription.confirmed else "confirmation-sent"})
