"""Keeping the library's search index in step with what is published."""

from __future__ import annotations

from django.db import transaction

from juntos.rights.models import Article, ArticleText, SearchDocument, SearchTerm
from juntos.rights.search import document_for, vocabulary
from juntos.rights.search.normalise import scope_terms


def search_index_update(*, article: Article) -> int:
    """Replace the article's documents with those of its current version, and add their terms
    to the vocabulary (existing terms stay); returns how many documents it holds now."""
    with transaction.atomic():
        SearchDocument.objects.filter(article=article).delete()
        if article.current_version_id is None:
            return 0
        scope = scope_terms(
            list(article.jurisdictions.values_list("code", flat=True)),
            list(article.programs.values_list("code", flat=True)),
        )
        texts = list(ArticleText.objects.filter(version_id=article.current_version_id))
        documents = [document_for(article, text, scope) for text in texts]
        SearchDocument.objects.bulk_create(documents)
        SearchTerm.objects.bulk_create(vocabulary.terms_of(texts), ignore_conflicts=True)
    vocabulary.forget()
    return len(documents)
