"""The API: list, read and search articles, and subscribe to alerts."""

from __future__ import annotations

import pytest
from django.test import Client

from juntos.rights.models import Subscription
from juntos.rights.tests.factories import published_article
from juntos.testing.outbox import outbox_messages
from juntos.testing.queries import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_it_lists_articles_for_a_province_and_program_in_constant_queries():
    client = Client()

    def add(n: int) -> None:
        for _ in range(n):
            published_article()

    url = "/api/rights/articles?province=BC&program=sawp-mx&language=es"
    assert_queries_do_not_grow(add_items=add, fetch=lambda: client.get(url), limit=4)
    body = client.get(url).json()
    assert len(body) == 10
    assert body[0]["title"] == "Descuento por vivienda en Columbia Británica"
    assert client.get("/api/rights/articles?province=ZZ&program=sawp-mx").status_code == 400


def test_it_reads_one_article():
    published_article(slug="bc-housing", uncertain=True)
    body = Client().get("/api/rights/articles/bc-housing?language=fr").json()
    assert body["title"] == "Retenue pour le logement en Colombie-Britannique"
    assert body["uncertain"] is True and body["out_of_date"] is False
    assert body["effective_from"] == "2025-01-01"
    assert Client().get("/api/rights/articles/nope").status_code == 404


def test_it_searches():
    published_article(slug="bc-housing")
    client = Client()
    hits = client.get(
        "/api/rights/search?q=alojamiento&language=es&province=BC&program=sawp-mx"
    ).json()
    assert [h["slug"] for h in hits] == ["bc-housing"]
    assert client.get("/api/rights/search?q=").status_code == 400
    assert client.get("/api/rights/search?q=" + "a" * 2000).status_code == 400
    assert client.get("/api/rights/search?q=x&language=de").status_code == 400


def test_it_subscribes_by_phone(django_capture_on_commit_callbacks):
    payload = {
        "channel": "sms",
        "address": "+52 55 1234 5678",
        "province": "bc",
        "programs": ["sawp-mx"],
        "language": "es",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/api/rights/subscriptions", payload, content_type="application/json"
        )
    assert response.status_code == 202
    assert response.json() == {"status": "confirmation-sent"}
    assert Subscription.objects.get().address == "+525512345678"
    assert outbox_messages("+525512345678")
    bad = Client().post(
        "/api/rights/subscriptions", {**payload, "address": "12"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert "address" in bad.json()["detail"]
