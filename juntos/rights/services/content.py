"""Loading the library's own content through the editorial services, so that it is audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from juntos.accounts.actors import Actor
from juntos.rights.content import VersionSpec, article_specs
from juntos.rights.models import Article
from juntos.rights.services.editorial import (
    TextFields,
    article_create,
    version_draft,
    version_publish,
)


def content_load(*, actor: Actor | None = None, notify_subscribers: bool = True) -> tuple[int, int]:
    """Create missing articles and publish versions not yet loaded; returns (articles, versions).

    Running it twice changes nothing: a version is loaded only when the article has fewer
    versions than its spec lists.
    """
    created_articles = created_versions = 0
    for spec in article_specs():
        with transaction.atomic():
            article = Article.objects.filter(slug=spec["slug"]).first()
            if article is None:
                article = article_create(
                    actor=actor,
                    slug=spec["slug"],
                    topics=spec["topics"],
                    jurisdictions=spec["jurisdictions"],
                    programs=spec["programs"],
                    position=spec.get("position", 100),
                )
                created_articles += 1
            have = article.versions.count()
            for version_spec in spec["versions"][have:]:
                _load_version(actor, article, version_spec, notify_subscribers)
                created_versions += 1
    return created_articles, created_versions


def _load_version(
    actor: Actor | None, article: Article, spec: VersionSpec, notify_subscribers: bool
) -> None:
    texts: dict[str, TextFields] = {
        language: dict(fields) for language, fields in spec["texts"].items()
    }
    version = version_draft(
        actor=actor,
        article=article,
        effective_from=dt.date.fromisoformat(spec["effective_from"]),
        source_url=spec["source_url"],
        source_title=spec["source_title"],
        source_date=dt.date.fromisoformat(spec["source_date"]),
        is_uncertain=spec.get("uncertain", False),
        texts=texts,
    )
    # The files are reviewed in the repository; the loader publishes as the system itself.
    version_publish(actor=None, version=version, notify_subscribers=notify_subscribers)
