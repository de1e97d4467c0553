"""Search results, the change history and the search API: query counts do not grow with rows."""

from __future__ import annotations

import pytest
from django.test import Client

from juntos.rights import services
from juntos.rights.remembered import COOKIE
from juntos.rights.tests.factories import new_version, published_article, texts_with
from juntos.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


# A word with no synonyms, only in the bodies: the title pass finds nothing and the full pass
# runs (synonyms would add passes only while the page is not full, a number of passes that
# shrinks, never grows, with more articles).
WORD = "columbia"


def _add_articles(n: int) -> None:
    # The word only in the body: the title pass finds nothing, so every pass runs (worst case).
    for _ in range(n):
        published_article(
            texts=texts_with(
                es={"title": "Otra cosa", "keywords": ""},
                en={"title": "Something else", "keywords": ""},
            )
        )


def test_search_results_page():
    client = Client()
    client.cookies[COOKIE] = "BC:sawp-mx"
    assert_queries_do_not_grow(
        add_items=_add_articles,
        fetch=lambda: client.get("/es/rights/search/", {"q": WORD}),
        limit=4,
    )


def test_search_api():
    client = Client()
    assert_queries_do_not_grow(
        add_items=_add_articles,
        fetch=lambda: client.get("/api/rights/search", {"q": WORD, "language": "es"}),
        limit=4,
    )


def test_change_history_page(personas):
    article = published_article(slug="bc-housing")

    def add_versions(n: int) -> None:
        for _ in range(n):
            version = new_version(article, personas.ben, en={"summary": f"Change {_}."})
            services.version_submit(actor=personas.ben, version=version)
            services.version_publish(
                actor=personas.admin, version=version, notify_subscribers=False
            )

    client = Client()
    assert_queries_do_not_grow(
        add_items=add_versions,
        fetch=lambda: client.get("/es/rights/articles/bc-housing/changes/"),
        limit=3,
    )
