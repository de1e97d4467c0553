"""Factories for the rights library; `published_article` goes through the real services."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

import factory

from juntos.rights import services
from juntos.rights.models import Article, Subscription

TEXTS = {
    "en": {
        "title": "Housing deduction in British Columbia",
        "summary": "Your employer may take up to $7.11 a working day for housing.",
        "body": "Only British Columbia allows a housing deduction.",
        "what_changed": "The amount rose for 2025.",
        "obligation": "Deduct no more than $7.11 per working day.",
        "keywords": "housing rent",
    },
    "es": {
        "title": "Descuento por vivienda en Columbia Británica",
        "summary": "Su empleador puede descontar hasta 7,11 $ por día trabajado por la vivienda.",
        "body": "Solo Columbia Británica permite un descuento por alojamiento.",
        "what_changed": "El monto subió para 2025.",
        "obligation": "No descontar más de 7,11 $ por día trabajado.",
        "keywords": "vivienda alojamiento",
    },
    "fr": {
        "title": "Retenue pour le logement en Colombie-Britannique",
        "summary": "Votre employeur peut retenir jusqu'à 7,11 $ par jour travaillé.",
        "body": "Seule la Colombie-Britannique permet une retenue pour le logement.",
        "what_changed": "Le montant a augmenté pour 2025.",
        "obligation": "Ne pas retenir plus de 7,11 $ par jour travaillé.",
        "keywords": "logement",
    },
}


def texts_with(**changes: dict[str, str]) -> dict[str, dict[str, str]]:
    """The sample texts with some fields replaced per language, e.g. en={"title": "..."}."""
    return {lang: {**fields, **changes.get(lang, {})} for lang, fields in TEXTS.items()}


_counter = iter(range(1, 10**6))


def published_article(
    *,
    slug: str = "",
    jurisdictions: tuple[str, ...] = ("BC",),
    programs: tuple[str, ...] = ("sawp-mx",),
    topics: tuple[str, ...] = ("housing",),
    texts: dict[str, dict[str, str]] | None = None,
    effective_from: dt.date = dt.date(2025, 1, 1),
    uncertain: bool = False,
) -> Article:
    """An article with one published version, made by the system through the services."""
    article = services.article_create(
        actor=None,
        slug=slug or f"article-{next(_counter)}",
        topics=list(topics),
        jurisdictions=list(jurisdictions),
        programs=list(programs),
    )
    version = services.version_draft(
        actor=None,
        article=article,
        effective_from=effective_from,
        source_url="https://www.canada.ca/example",
        source_title="Example source",
        source_date=effective_from,
        is_uncertain=uncertain,
        texts=texts or TEXTS,
    )
    services.version_publish(actor=None, version=version, notify_subscribers=False)
    article.refresh_from_db()
    return article


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    channel = "sms"
    address = factory.Sequence(lambda n: f"+1250555{n:04d}")
    province = "BC"
    programs = "sawp-mx"
    topics = ""
    language = "es"
    frequency = "immediate"
    confirmed = True
    created_on = factory.LazyFunction(dt.date.today)


def make_subscription(**fields: Any) -> Subscription:
    """A confirmed, active subscription (BC, SAWP Mexico, Spanish, SMS) unless told otherwise."""
    return cast(Subscription, SubscriptionFactory(**fields))


def new_version(article: Article, actor: Any, **text_changes: dict[str, str]) -> Any:
    """Draft a version from the current one with some text changes, as `actor`."""
    version = services.version_draft(
        actor=actor,
        article=article,
        effective_from=dt.date(2025, 6, 1),
        source_url="https://www.canada.ca/example-2",
        source_title="Example source, updated",
        source_date=dt.date(2025, 6, 1),
    )
    current = {t.language: {n: getattr(t, n) for n in TEXTS["en"]} for t in version.texts.all()}
    merged = {lang: {**fields, **text_changes.get(lang, {})} for lang, fields in current.items()}
    services.version_update(
        actor=actor,
        version=version,
        effective_from=version.effective_from,
        source_url=version.source_url,
        source_title=version.source_title,
        source_date=version.source_date,
        is_uncertain=False,
        texts=merged,
        up_to_date={lang for lang in text_changes if lang != "en"},
    )
    return version


def found(pattern: str, text: str) -> str:
    """The first group of pattern in text; fails the test when it is absent."""
    match = re.search(pattern, text)
    assert match is not None, f"{pattern!r} not found in {text!r}"
    return match.group(1)
