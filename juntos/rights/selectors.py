"""Reads of the rights library. Published content is public; drafts only reach editors."""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TypedDict

from django.core import signing
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from juntos.accounts.actors import Actor
from juntos.core.jurisdictions import Program, Province
from juntos.rights.choices import SOURCE_LANGUAGE, Topic, VersionStatus
from juntos.rights.figure_tags import render_figures
from juntos.rights.figures import FigureDifference, compare_figures
from juntos.rights.models import Article, ArticleText, ArticleVersion, Subscription
from juntos.rights.policies import can_edit_rights

UNSUBSCRIBE_SALT = "juntos.rights.unsubscribe"
CONFIRM_SALT = "juntos.rights.confirm"
# Sent only to the address itself, so opening it proves the address as the code does.
LINK_SALT = "juntos.rights.confirm-link"


@dataclass(frozen=True)
class ShownText:
    """The text a reader gets in their language, and how it stands against the English."""

    text: ArticleText
    source: ArticleText | None
    out_of_date: bool
    not_translated: bool


@dataclass
class ArticleCard:
    slug: str
    title: str
    summary: str
    obligation: str
    out_of_date: bool
    topics: list[str] = field(default_factory=list)


def valid_province(code: str) -> str | None:
    """The province code if it is one we know (any case), else None."""
    upper = (code or "").upper()
    return upper if upper in Province.values else None


def valid_program(code: str) -> str | None:
    """The program code if it is one we know, else None."""
    lower = (code or "").lower()
    return lower if lower in Program.values else None


def shown_text(texts: list[ArticleText], language: str) -> ShownText | None:
    """Pick the reader's language from a version's texts, falling back to the English."""
    by_language = {t.language: t for t in texts}
    source = by_language.get(SOURCE_LANGUAGE)
    text = by_language.get(language)
    if text is None:
        if source is None:
            return None
        return ShownText(text=source, source=None, out_of_date=False, not_translated=True)
    if text.is_source or source is None:
        return ShownText(text=text, source=None, out_of_date=False, not_translated=False)
    stale = text.source_digest != source.content_digest()
    return ShownText(text=text, source=source, out_of_date=stale, not_translated=False)


def _texts_prefetch(language: str) -> Prefetch:
    return Prefetch(
        "current_version__texts",
        queryset=ArticleText.objects.filter(language__in={language, SOURCE_LANGUAGE}),
    )


def articles_applying(province: str, program: str) -> QuerySet[Article]:
    """Published articles for a province (federal ones included) and a program."""
    return (
        Article.objects.filter(current_version__isnull=False)
        .filter(jurisdictions__code__in=[province, Province.FEDERAL])
        .filter(Q(programs__isnull=True) | Q(programs__code=program))
        .distinct()
    )


def articles_by_topic(
    *, province: str, program: str, language: str
) -> list[tuple[str, str, list[ArticleCard]]]:
    """(topic code, topic label, cards) in topic order, for the worker's choice."""
    articles = (
        articles_applying(province, program)
        .select_related("current_version")
        .prefetch_related(_texts_prefetch(language), "topics")
        .order_by("position", "slug")
    )
    grouped: dict[str, list[ArticleCard]] = defaultdict(list)
    for article in articles:
        card = _card(article, language)
        if card is None:
            continue
        for code in card.topics:
            grouped[code].append(card)
    return [(code, str(label), grouped[code]) for code, label in Topic.choices if grouped.get(code)]


def _card(article: Article, language: str) -> ArticleCard | None:
    version = article.current_version
    assert version is not None  # filtered above
    shown = shown_text(list(version.texts.all()), language)
    if shown is None:
        return None
    return ArticleCard(
        slug=article.slug,
        title=shown.text.title,
        summary=render_figures(shown.text.summary, shown.text.language),
        obligation=render_figures(shown.text.obligation, shown.text.language),
        out_of_date=shown.out_of_date,
        topics=[t.code for t in article.topics.all()],
    )


@dataclass(frozen=True)
class TopicAnswer:
    """The article that answers a topic by text message, and the programs it is for."""

    card: ArticleCard
    programs: list[str]  # empty: every program


def topic_answer(*, topic: str, province: str, program: str, language: str) -> TopicAnswer | None:
    """The first article of a topic for a province (federal ones after the province's own).

    With no program (a text message may not say), the articles of every program are looked at,
    and the answer names the programs it is for, so nobody takes it for her own unawares.
    """
    articles = Article.objects.filter(
        current_version__isnull=False,
        topics__code=topic,
        jurisdictions__code__in=[province, Province.FEDERAL],
    )
    if program:
        articles = articles.filter(Q(programs__isnull=True) | Q(programs__code=program))
    found = (
        articles.distinct()
        .select_related("current_version")
        .prefetch_related(_texts_prefetch(language), "topics", "programs", "jurisdictions")
        .order_by("position", "slug")
    )
    ranked = sorted(found, key=lambda a: province not in {j.code for j in a.jurisdictions.all()})
    for article in ranked:
        card = _card(article, language)
        if card is not None:
            return TopicAnswer(card=card, programs=[p.code for p in article.programs.all()])
    return None


def obligations_for(*, province: str, program: str, language: str) -> list[ArticleCard]:
    """The employer's view: every applicable article that states an obligation."""
    articles = (
        articles_applying(province, program)
        .select_related("current_version")
        .prefetch_related(_texts_prefetch(language), "topics")
        .order_by("position", "slug")
    )
    cards = [_card(article, language) for article in articles]
    return [card for card in cards if card is not None and card.obligation]


def topic_cards(
    *, topic: str, province: str, program: str, language: str
) -> list[tuple[ArticleCard, ShownText]]:
    """Articles of one topic with their full texts, for a printed pamphlet."""
    articles = (
        articles_applying(province, program)
        .filter(topics__code=topic)
        .select_related("current_version")
        .prefetch_related(_texts_prefetch(language), "topics")
        .order_by("position", "slug")
    )
    found = []
    for article in articles:
        card = _card(article, language)
        shown = shown_text(list(article.current_version.texts.all()), language)  # type: ignore[union-attr]
        if card is not None and shown is not None:
            found.append((card, shown))
    return found


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    version: ArticleVersion
    shown: ShownText


def get_article_page(slug: str, language: str) -> ArticlePage:
    """The current version of a published article in the reader's language (one query)."""
    texts = list(
        ArticleText.objects.select_related("version__article").filter(
            version__article__slug=slug,
            version_id=F("version__article__current_version_id"),
            language__in={language, SOURCE_LANGUAGE},
        )
    )
    shown = shown_text(texts, language)
    if shown is None:
        raise Http404
    version = shown.text.version
    return ArticlePage(article=version.article, version=version, shown=shown)


# How long a process may answer "not modified" from its memory of an article's current version.
CURRENT_VERSION_MEMORY_SECONDS = 5


def article_etag(slug: str, language: str, reader_id: int | None) -> str | None:
    """A validator for the article page: changes whenever what the reader would see changes.

    Published versions never change (only drafts can be edited), so the current version
    stands for the texts; the language and the reader (the header differs when signed in)
    complete it. The current version is remembered per process for a few seconds, so a phone
    asking again usually costs no query at all.
    """
    current = caches["local"].get_or_set(
        f"rights:current:{slug}",
        lambda: _current_version_id(slug) or 0,
        CURRENT_VERSION_MEMORY_SECONDS,
    )
    if not current:
        return None
    # The day too: a figure an article names (figure_tags) is the rule's on the reading day.
    raw = f"{slug}|{language}|{reader_id or 0}|{current}|{timezone.localdate().isoformat()}"
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


def forget_current_version(slug: str) -> None:
    """Drop this process's memory of an article's current version (after publishing)."""
    caches["local"].delete(f"rights:current:{slug}")


def _current_version_id(slug: str) -> int | None:
    return (
        Article.objects.filter(slug=slug, current_version__isnull=False)
        .values_list("current_version_id", flat=True)
        .first()
    )


def article_history(
    slug: str, language: str
) -> tuple[Article, list[tuple[ArticleVersion, ShownText]]]:
    """The published versions of an article, newest first, each in the reader's language."""
    article = Article.objects.filter(slug=slug, current_version__isnull=False).first()
    if article is None:
        raise Http404
    versions = (
        ArticleVersion.objects.filter(
            article=article, status__in=[VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED]
        )
        .prefetch_related(
            Prefetch(
                "texts",
                queryset=ArticleText.objects.filter(language__in={language, SOURCE_LANGUAGE}),
            )
        )
        .order_by("-number")
    )
    history = []
    for version in versions:
        shown = shown_text(list(version.texts.all()), language)
        if shown is not None:
            history.append((version, shown))
    return article, history


# Editors


class EditorRow(TypedDict):
    """One article on the editors' desk, with how its translations stand."""

    article: Article
    versions: list[ArticleVersion]
    stale: list[str]
    figures: list[str]
    pending: list[ArticleVersion]
    pending_stale: list[tuple[ArticleVersion, list[str]]]


def editor_articles_for(actor: Actor) -> list[EditorRow]:
    """Every article with its versions and how its translations stand, for editors.

    "stale": languages of the published version older than its English text; "figures":
    languages whose amounts, numbers or dates differ from the English (caught even when
    someone marked them current); "pending_stale": for each waiting version, the languages
    it would publish out of date.
    """
    if not can_edit_rights(actor):
        raise Http404
    articles = Article.objects.prefetch_related(
        Prefetch("versions", queryset=ArticleVersion.objects.prefetch_related("texts"))
    ).select_related("current_version")
    rows: list[EditorRow] = []
    for article in articles:
        versions = list(article.versions.all())
        current = next((v for v in versions if v.pk == article.current_version_id), None)
        current_texts = list(current.texts.all()) if current is not None else []
        pending = [v for v in versions if v.status in _PENDING]
        rows.append(
            {
                "article": article,
                "versions": versions,
                "stale": stale_languages(current_texts),
                "figures": sorted(figure_differences(current_texts)),
                "pending": pending,
                "pending_stale": [
                    (v, langs) for v in pending if (langs := stale_languages(list(v.texts.all())))
                ],
            }
        )
    return rows


_PENDING = {VersionStatus.DRAFT, VersionStatus.IN_REVIEW, VersionStatus.SCHEDULED}


def stale_languages(texts: list[ArticleText]) -> list[str]:
    """The languages of one version's texts that are older than its English text."""
    stale = []
    for text in texts:
        shown = shown_text(texts, text.language)
        if shown is not None and shown.out_of_date:
            stale.append(text.language)
    return sorted(stale)


def figure_differences(texts: list[ArticleText]) -> dict[str, FigureDifference]:
    """Per translation of one version, how its figures differ from the English (if they do)."""
    source = next((t for t in texts if t.is_source), None)
    if source is None:
        return {}
    differences = {
        text.language: compare_figures(source.figure_text(), text.figure_text())
        for text in texts
        if not text.is_source
    }
    return {language: d for language, d in differences.items() if d}


def get_article_for(actor: Actor, slug: str) -> Article:
    """An article and its versions, for editors only (404 for anyone else)."""
    if not can_edit_rights(actor):
        raise Http404
    article = Article.objects.filter(slug=slug).first()
    if article is None:
        raise Http404
    return article


def versions_of(article: Article) -> QuerySet[ArticleVersion]:
    """An article's versions, the newest first (the caller already authorised the article)."""
    return article.versions.order_by("-number")


def get_version_for(actor: Actor, version_id: int) -> ArticleVersion:
    """A version with its texts, for editors only (404 for anyone else)."""
    if not can_edit_rights(actor):
        raise Http404
    version = (
        ArticleVersion.objects.select_related("article")
        .prefetch_related("texts")
        .filter(pk=version_id)
        .first()
    )
    if version is None:
        raise Http404
    return version


# Subscriptions


def subscription_token(subscription: Subscription, salt: str) -> str:
    """A signed token naming a subscription, for links that work without logging in."""
    return signing.dumps(str(subscription.pk), salt=salt, compress=True)


def get_subscription_by_token(token: str, salt: str) -> Subscription:
    """The subscription a signed token names; 404 for a damaged or unknown token."""
    try:
        subscription_id = signing.loads(token, salt=salt)
    except signing.BadSignature as exc:
        raise Http404 from exc
    subscription = Subscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        raise Http404
    return subscription


def subscription_by_id(subscription_id: uuid.UUID | str) -> Subscription | None:
    """A subscription the system itself made and remembers by id (a text message's ALERTS ON)."""
    try:
        return Subscription.objects.filter(pk=subscription_id, active=True).first()
    except (ValueError, TypeError, ValidationError):
        return None
