"""Full-text search of the rights library, on SQLite (FTS5) or PostgreSQL (tsvector).

The one entry point for reading is `search_articles`. The index is written by the service
`search_index_update` (services/search_index.py) when a version is published, from the
documents `document_for` builds here. The
backend is chosen by the database in use; both receive the same normalised terms.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Q

from juntos.rights.choices import CONTENT_LANGUAGES
from juntos.rights.models import Article, ArticleText, SearchDocument
from juntos.rights.search import postgresql, sqlite, vocabulary
from juntos.rights.search.base import SearchRequest
from juntos.rights.search.normalise import (
    MAX_QUERY_TERMS,
    scope_query,
    term_words,
    terms,
)
from juntos.rights.search.synonyms import alternatives

__all__ = ["SearchHit", "SearchOutcome", "document_for", "search_articles", "search_page"]


@dataclass(frozen=True)
class SearchHit:
    slug: str
    title: str
    summary: str
    score: float


def _backend_search(request: SearchRequest) -> list[tuple[int, float]]:
    if connection.vendor == "postgresql":
        return postgresql.search(request)
    if connection.vendor == "sqlite":
        return sqlite.search(request)
    raise ImproperlyConfigured(
        f"rights search runs on SQLite and PostgreSQL, not on {connection.vendor}"
    )


def _ranked(request: SearchRequest) -> list[tuple[int, float]]:
    """Articles with the words in the title or keywords first, then those with them anywhere.

    Ranking every article that holds a very common word ("trabajo") is what makes search slow;
    the first pass only ranks titles, and for common words it already fills the page.
    """
    ranked = _backend_search(replace(request, title_only=True))
    if len(ranked) < request.limit:
        seen = {doc_id for doc_id, _ in ranked}
        rest = [hit for hit in _backend_search(request) if hit[0] not in seen]
        ranked += rest[: request.limit - len(ranked)]
    return ranked


def document_for(article: Article, text: ArticleText, scope: str) -> SearchDocument:
    """The search document of one text (not saved)."""
    return SearchDocument(
        article=article,
        text=text,
        language=text.language,
        title_terms=" ".join(terms(text.title, text.language)),
        keyword_terms=" ".join(terms(text.keywords, text.language)),
        body_terms=" ".join(terms(f"{text.summary}\n{text.body}", text.language)),
        scope_terms=scope,
    )


@dataclass(frozen=True)
class SearchOutcome:
    """What a search found, and what it did to find it.

    corrected: (typed word, word searched instead) for typos fixed against the vocabulary;
    from_language: the language whose texts matched when the reader's own found nothing
    (an English word typed in a Spanish search); suggestions: words to try when nothing
    matched at all.
    """

    hits: list[SearchHit]
    corrected: list[tuple[str, str]]
    from_language: str = ""
    suggestions: list[str] = field(default_factory=list)


def _request_for(
    query: str, language: str, *, province: str, program: str, limit: int, fix_typos: bool
) -> tuple[SearchRequest, list[tuple[str, str]]]:
    """The terms of what was typed, each with its synonyms and, if unknown, its correction."""
    words = list(dict(term_words(query, language)).items())[:MAX_QUERY_TERMS]
    extra: dict[str, list[str]] = {}
    corrected = []
    for term, word in words:
        others = alternatives(word, language)
        fix = vocabulary.correction(term, language) if fix_typos and not others else None
        if fix is not None:
            others = [fix, *alternatives(vocabulary.word_for(fix, language), language)]
            corrected.append((word, vocabulary.word_for(fix, language)))
        if others:
            extra[term] = others
    request = SearchRequest(
        language=language,
        terms=[term for term, _ in words],
        alternatives=extra,
        scope=scope_query(province, program),
        scope_prefix=bool(province and not program),
        limit=limit,
    )
    return request, corrected


def _matches(request: SearchRequest) -> list[tuple[int, float]]:
    ranked = _ranked(request)
    if not ranked and len(request.terms) > 1:
        # No article has every word: fall back to any word, still ranked by relevance.
        ranked = _ranked(replace(request, match_all=False))
    return ranked


def search_page(
    query: str, *, language: str, province: str = "", program: str = "", limit: int = 20
) -> SearchOutcome:
    """Articles in the language that match the words, best first, within the chosen scope.

    Words are matched with their plural or singular, without accents, with the synonyms of
    `synonyms.GROUPS`, and with typos fixed against the indexed words. When the reader's
    language finds nothing, the other languages are tried and their articles shown in the
    reader's language; when nothing is found at all, close words are suggested.
    """

    def request_in(reading: str, *, fix_typos: bool) -> tuple[SearchRequest, list[tuple[str, str]]]:
        return _request_for(
            query, reading, province=province, program=program, limit=limit, fix_typos=fix_typos
        )

    request, corrected = request_in(language, fix_typos=True)
    if not request.terms:
        return SearchOutcome(hits=[], corrected=[])
    # The words as typed first: for common words this fills the page at the old cost, and
    # synonyms and corrections (more phrases for the index to rank) only fill what is left.
    ranked = _ranked(replace(request, alternatives={}))
    if len(ranked) < limit and request.alternatives:
        seen = {doc_id for doc_id, _ in ranked}
        widened = [hit for hit in _ranked(request) if hit[0] not in seen]
        corrected = corrected if widened else []
        ranked += widened[: limit - len(ranked)]
    else:
        corrected = []
    if not ranked and len(request.terms) > 1:
        # No article has every word: fall back to any word, still ranked by relevance.
        ranked = _ranked(replace(request, match_all=False))
    if ranked:
        return SearchOutcome(hits=_hits(ranked, language), corrected=corrected)
    for other in CONTENT_LANGUAGES:
        if other == language:
            continue
        other_request, _ = request_in(other, fix_typos=False)
        ranked = _matches(other_request) if other_request.terms else []
        if ranked:
            hits = _hits(ranked, language, found_in=other)
            return SearchOutcome(hits=hits, corrected=[], from_language=other)
    return SearchOutcome(hits=[], corrected=[], suggestions=_suggestions(request))


def _suggestions(request: SearchRequest) -> list[str]:
    found: list[str] = []
    for term in request.terms:
        found += vocabulary.nearest_words(term, request.language)
    return list(dict.fromkeys(found))[:6]


def _hits(ranked: list[tuple[int, float]], language: str, *, found_in: str = "") -> list[SearchHit]:
    """What each hit shows, in the reader's language (one query; bodies stay in the database).

    found_in: the language of the ranked documents when it is not the reader's (nothing
    matched in hers); each article is then shown by its text in her language where it has one.
    """
    ids = [doc_id for doc_id, _ in ranked]
    documents = SearchDocument.objects.filter(pk__in=ids)
    if found_in:
        articles = list(documents.values_list("article_id", flat=True))
        documents = SearchDocument.objects.filter(
            Q(pk__in=ids) | Q(article_id__in=articles, language=language)
        )
    rows = documents.values_list(
        "pk", "article_id", "language", "article__slug", "text__title", "text__summary"
    )
    article_of = {pk: article_id for pk, article_id, *_ in rows}
    shown: dict[int, tuple[str, str, str]] = {}
    # The reader's language sorts last, so its text is the one kept for each article.
    for _, article_id, _language, slug, title, summary in sorted(
        rows, key=lambda row: row[2] == language
    ):
        shown[article_id] = (slug, title, summary)
    hits = []
    for doc_id, score in ranked:
        if doc_id in article_of:
            slug, title, summary = shown[article_of[doc_id]]
            hits.append(SearchHit(slug=slug, title=title, summary=summary, score=score))
    return hits


def search_articles(
    query: str, *, language: str, province: str = "", program: str = "", limit: int = 20
) -> list[SearchHit]:
    """The hits of `search_page`, for the API."""
    return search_page(
        query, language=language, province=province, program=program, limit=limit
    ).hits
