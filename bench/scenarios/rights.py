"""Rights library: the article page against the bare view, and search over 100,000 versions.

`prepare()` adds 25,000 synthetic articles with 4 versions each (100,000 versions) next to the
real ones loaded by seed_demo: each current version has texts in English, Spanish and French
made of words from the real articles (common words included), older versions keep their
English text, and every current text is indexed. Search requests mix rare and very common
words in the three languages, inside a province and program as a worker's cookie would set.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.api import Budget, Request, Scenario

ARTICLES = 25_000
VERSIONS_PER_ARTICLE = 4
LANGUAGES = ("en", "es", "fr")
PROVINCES = ("BC", "ON", "QC", "AB", "MB", "SK", "NS", "NB", "PE", "NL")
PROGRAMS = ("sawp-mx", "sawp-car", "ag-stream", "low-wage", "high-wage", "caregiver")
BATCH = 5_000
CONTENT = Path(__file__).resolve().parents[2] / "juntos" / "rights" / "content"


def _vocabulary() -> dict[str, list[str]]:
    """Every word of the real articles, per language, with repeats: common words stay common."""
    words: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for path in sorted(CONTENT.glob("*.json")):
        for spec in json.loads(path.read_text(encoding="utf-8")):
            for version in spec["versions"]:
                for lang, text in version["texts"].items():
                    words[lang] += re.findall(r"[^\W\d_]+", f"{text['summary']} {text['body']}")
    return words


def _terms_builder() -> Any:
    from juntos.rights.search.normalise import terms

    cache: dict[tuple[str, str], str] = {}

    def normalised(text: str, language: str) -> str:
        out = []
        for word in text.split():
            key = (word, language)
            if key not in cache:
                cache[key] = " ".join(terms(word, language))
            if cache[key]:
                out.append(cache[key])
        return " ".join(out)

    return normalised


def _create_articles(rng: random.Random) -> list[Any]:
    from juntos.rights.models import Article, ArticleJurisdiction, ArticleProgram, ArticleTopic

    articles = Article.objects.bulk_create(
        [Article(slug=f"bench-{n}", position=500) for n in range(ARTICLES)], batch_size=BATCH
    )
    ArticleJurisdiction.objects.bulk_create(
        [ArticleJurisdiction(article=a, code=rng.choice(PROVINCES)) for a in articles],
        batch_size=BATCH,
    )
    ArticleProgram.objects.bulk_create(
        [ArticleProgram(article=a, code=rng.choice(PROGRAMS)) for a in articles[::2]],
        batch_size=BATCH,
    )
    ArticleTopic.objects.bulk_create(
        [ArticleTopic(article=a, code="wages") for a in articles], batch_size=BATCH
    )
    return articles


def _create_versions(articles: list[Any]) -> list[Any]:
    from juntos.rights.models import ArticleVersion

    versions = [
        ArticleVersion(
            article=article,
            number=number,
            status="published" if number == VERSIONS_PER_ARTICLE else "superseded",
            effective_from=dt.date(2022 + number, 1, 1),
            source_url="https://www.canada.ca/bench",
            source_title="Bench source",
            source_date=dt.date(2022 + number, 1, 1),
        )
        for article in articles
        for number in range(1, VERSIONS_PER_ARTICLE + 1)
    ]
    return ArticleVersion.objects.bulk_create(versions, batch_size=BATCH)


def _sentence(rng: random.Random, words: list[str], size: int) -> str:
    return " ".join(rng.choice(words) for _ in range(size))


def _create_texts_and_index(rng: random.Random, versions: list[Any]) -> None:
    from juntos.rights.models import Article, ArticleText, SearchDocument
    from juntos.rights.search.normalise import scope_terms

    vocabulary, normalised = _vocabulary(), _terms_builder()
    current = [v for v in versions if v.status == "published"]
    texts = [
        ArticleText(
            version=version,
            language=lang,
            title=_sentence(rng, vocabulary[lang], 6).capitalize(),
            summary=_sentence(rng, vocabulary[lang], 20),
            body=_sentence(rng, vocabulary[lang], 60),
        )
        for version in versions
        for lang in (LANGUAGES if version.status == "published" else ("en",))
    ]
    texts = ArticleText.objects.bulk_create(texts, batch_size=BATCH)
    scopes = {
        a.pk: scope_terms(
            [j.code for j in a.jurisdictions.all()], [p.code for p in a.programs.all()]
        )
        for a in Article.objects.filter(slug__startswith="bench-").prefetch_related(
            "jurisdictions", "programs"
        )
    }
    article_of = {v.pk: v.article_id for v in current}
    SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                article_id=article_of[t.version_id],
                text=t,
                language=t.language,
                title_terms=normalised(t.title, t.language),
                body_terms=normalised(f"{t.summary} {t.body}", t.language),
                scope_terms=scopes[article_of[t.version_id]],
            )
            for t in texts
            if t.version_id in article_of
        ],
        batch_size=BATCH,
    )


def prepare() -> dict[str, Any]:
    from django.db import connection, transaction

    from juntos.rights.models import ArticleVersion

    rng = random.Random(4)  # the same data set every run
    with transaction.atomic():
        articles = _create_articles(rng)
        versions = _create_versions(articles)
        _create_texts_and_index(rng, versions)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE rights_article SET current_version_id = (SELECT v.id FROM "
                "rights_articleversion v WHERE v.article_id = rights_article.id "
                "AND v.status = 'published') WHERE slug LIKE 'bench-%%'"
            )
    from juntos.rights.selectors import article_etag

    return {
        "versions": ArticleVersion.objects.count(),
        # What an anonymous Spanish reader's phone holds after its first visit.
        "article_etag": article_etag(ARTICLE_SLUG, "es", None),
    }


ARTICLE_SLUG = "bc-sawp-housing-deduction"

# Rare and very common words in each language, as workers type them (accents or not).
QUERIES = [
    ("es", "vivienda"),
    ("es", "alojamiento"),
    ("es", "salario minimo"),
    ("es", "trabajo"),
    ("es", "descuento por la vivienda"),
    ("es", "horas extra"),
    ("es", "su empleador"),
    ("en", "housing deduction"),
    ("en", "your employer"),
    ("en", "work"),
    ("en", "recruiter fee"),
    ("fr", "logement"),
    ("fr", "votre employeur"),
    ("fr", "heures supplémentaires"),
    ("fr", "travail"),
]


def _search(i: int, state: Any) -> Request:
    language, query = QUERIES[i % len(QUERIES)]
    return Request(
        f"/{language}/rights/search/?{urlencode({'q': query})}",
        headers={"Cookie": f"juntos_rights={PROVINCES[i % 3]}:sawp-mx"},
    )


def _article_again(i: int, state: Any) -> Request:
    """The article page from a phone that already has it: a conditional GET."""
    return Request(
        f"/es/rights/articles/{ARTICLE_SLUG}/",
        headers={"If-None-Match": state["article_etag"]},
        expect=(304,),
    )


def _search_api(i: int, state: Any) -> Request:
    language, query = QUERIES[i % len(QUERIES)]
    return Request(f"/api/rights/search?{urlencode({'language': language, 'q': query})}")


def _has_the_data_set(outcome: Any, state: Any) -> list[str]:
    wanted = ARTICLES * VERSIONS_PER_ARTICLE
    return [] if state["versions"] >= wanted else [f"only {state['versions']} versions"]


SCENARIOS = [
    Scenario(
        "rights.article",
        path=f"/es/rights/articles/{ARTICLE_SLUG}/",
        count=400,
        budget=Budget(max_ratio=8.0),
    ),
    Scenario(
        "rights.article_cached",
        request=_article_again,
        count=400,
        budget=Budget(max_ratio=1.5),
    ),
    Scenario(
        "rights.search",
        request=_search,
        count=450,
        budget=Budget(p95_ms=50),
        check=_has_the_data_set,
    ),
    Scenario("rights.search_api", request=_search_api, count=450, budget=Budget(p95_ms=50)),
]
