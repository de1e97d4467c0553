"""Full-text search of the rights library, on SQLite (FTS5) or PostgreSQL (tsvector).

The one entry point for reading is `search_articles`; `index_article` keeps an article's
documents in step with its current version and is called when a version is published. The
backend is chosen by the database in use; both receive the same normalised terms.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from juntos.rights.models import Article, ArticleText, SearchDocument
from juntos.rights.search import postgresql, sqlite
from juntos.rights.search.base import SearchRequest
from juntos.rights.search.normalise import query_terms, scope_query, scope_terms, terms

__all__ = ["SearchHit", "index_article", "search_articles"]


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


def index_article(article: Article) -> int:
    """Replace the article's documents with those of its current version; returns how many."""
    SearchDocument.objects.filter(article=article).delete()
    if article.current_version_id is None:
        return 0
    scope = scope_terms(
        list(article.jurisdictions.values_list("code", flat=True)),
        list(article.programs.values_list("code", flat=True)),
    )
    texts = ArticleText.objects.filter(version_id=article.current_version_id)
    documents = [document_for(article, text, scope) for text in texts]
    SearchDocument.objects.bulk_create(documents)
    return len(documents)


def search_articles(
    query: str, *, language: str, province: str = "", program: str = "", limit: int = 20
) -> list[SearchHit]:
    """Articles in the language that match the words, best first, within the chosen scope."""
    words = query_terms(query, language)
    if not words:
        return []
    request = SearchRequest(
        language=language,
        terms=words,
        scope=scope_query(province, program),
        scope_prefix=bool(province and not program),
        limit=limit,
    )
    ranked = _ranked(request)
    if not ranked and len(words) > 1:
        # No article has every word: fall back to any word, still ranked by relevance.
        ranked = _ranked(replace(request, match_all=False))
    # Only what a hit shows: the texts' bodies and the documents' terms stay in the database.
    shown = {
        doc_id: (slug, title, summary)
        for doc_id, slug, title, summary in SearchDocument.objects.filter(
            pk__in=[doc_id for doc_id, _ in ranked]
        ).values_list("pk", "article__slug", "text__title", "text__summary")
    }
    return [
        SearchHit(
            slug=shown[doc_id][0], title=shown[doc_id][1], summary=shown[doc_id][2], score=score
        )
        for doc_id, score in ranked
        if doc_id in shown
    ]
