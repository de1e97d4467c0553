"""Worker pages: choosing once, browsing by topic, reading, searching, and bad input."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from juntos.rights.remembered import COOKIE
from juntos.rights.tests.factories import new_version, published_article, texts_with
from juntos.testing.queries import assert_max_queries, assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _url(name: str, language: str = "es", **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def test_it_remembers_province_and_program_in_a_cookie_without_an_account():
    published_article(slug="bc-housing")
    client = Client()
    first = client.get(_url("rights:index"))
    assert "Columbia Británica" in first.content.decode()  # the picker, translated
    chosen = client.get(_url("rights:index"), {"province": "BC", "program": "sawp-mx"})
    assert chosen.status_code == 302
    assert client.cookies[COOKIE].value == "BC:sawp-mx"
    page = client.get(_url("rights:index")).content.decode()
    assert "Descuento por vivienda en Columbia Británica" in page
    assert 'id="topic-housing"' in page


def test_it_rejects_an_unknown_choice_with_a_message_and_keeps_the_picker():
    client = Client()
    response = client.get(_url("rights:index", "en"), {"province": "XX", "program": "sawp-mx"})
    assert response.status_code == 200
    assert COOKIE not in client.cookies
    assert "Select a valid choice" in response.content.decode()


def test_it_explains_an_unknown_province_in_the_address():
    response = Client().get(_url("rights:browse", "en", province="zz", program="sawp-mx"))
    assert response.status_code == 404
    body = response.content.decode()
    assert "We do not know the province or territory “zz”" in body
    assert 'name="province"' in body
    unknown_program = Client().get(_url("rights:browse", "en", province="bc", program="nope"))
    assert "We do not know the program “nope”" in unknown_program.content.decode()


def test_it_shows_a_shareable_province_page_and_remembers_it():
    published_article(slug="bc-housing")
    client = Client()
    response = client.get(_url("rights:browse", "en", province="bc", program="sawp-mx"))
    assert response.status_code == 200
    assert "Housing deduction in British Columbia" in response.content.decode()
    assert client.cookies[COOKIE].value == "BC:sawp-mx"


def test_it_lists_articles_without_more_queries_for_more_articles():
    client = Client()
    client.cookies[COOKIE] = "BC:sawp-mx"

    def add(n: int) -> None:
        for _ in range(n):
            published_article()

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get(_url("rights:index")), limit=4
    )


def test_it_shows_an_article_answer_first_with_date_change_and_source_in_two_queries():
    published_article(slug="bc-housing", uncertain=True)
    client = Client()
    # The budget is 3; the page needs two: its validator (for 304s), then the texts joined
    # with their version and article.
    with assert_max_queries(2):
        response = client.get(_url("rights:article", slug="bc-housing"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Su empleador puede descontar") < body.index("Solo Columbia Británica")
    assert "1 de enero de 2025" in body
    assert "El monto subió para 2025." in body
    assert "https://www.canada.ca/example" in body
    assert "Aún sin confirmar." in body


def test_it_flags_an_out_of_date_translation_and_offers_the_english(personas):
    from juntos.rights import services

    article = published_article(slug="bc-housing")
    version = new_version(article, personas.ben, en={"summary": "Now up to $8.00 a working day."})
    services.version_submit(actor=personas.ben, version=version)
    services.version_publish(actor=personas.admin, version=version, notify_subscribers=False)
    body = Client().get(_url("rights:article", slug="bc-housing")).content.decode()
    assert "más antigua que el texto en inglés" in body
    assert "Now up to $8.00 a working day." in body  # the current source, offered
    english = Client().get(_url("rights:article", "en", slug="bc-housing")).content.decode()
    assert "older than the English text" not in english


def test_it_falls_back_to_english_when_a_translation_is_missing():
    published_article(slug="only-english", texts={"en": texts_with()["en"]})
    body = Client().get(_url("rights:article", "fr", slug="only-english")).content.decode()
    assert "Housing deduction in British Columbia" in body
    assert "pas encore traduit dans votre langue" in body


def test_it_returns_404_for_an_unknown_or_unpublished_article():
    assert Client().get(_url("rights:article", slug="nothing-here")).status_code == 404


def test_it_lists_what_changed_in_every_version(personas):
    from juntos.rights import services

    article = published_article(slug="bc-housing")
    version = new_version(
        article,
        personas.ben,
        en={"what_changed": "Raised to $8.00."},
        es={"what_changed": "Sube a 8,00 $."},
    )
    services.version_submit(actor=personas.ben, version=version)
    services.version_publish(actor=personas.admin, version=version, notify_subscribers=False)
    body = Client().get(_url("rights:changes", slug="bc-housing")).content.decode()
    assert body.index("Sube a 8,00 $.") < body.index("El monto subió para 2025.")


def test_it_searches_and_explains_empty_and_overlong_queries():
    published_article(slug="bc-housing")
    client = Client()
    found = client.get(_url("rights:search"), {"q": "vivienda"})
    assert "Descuento por vivienda" in found.content.decode()
    empty = client.get(_url("rights:search", "en"), {"q": ""})
    assert empty.status_code == 200
    assert "Type one or more words to search" in empty.content.decode()
    long = client.get(_url("rights:search", "en"), {"q": "vivienda " * 250})
    assert long.status_code == 200
    assert "at most 200 characters" in long.content.decode()
    nothing = client.get(_url("rights:search", "en"), {"q": "zebra"})
    assert "Nothing found" in nothing.content.decode()


def test_it_shows_employers_their_obligations(personas):
    published_article(slug="bc-housing")
    client = Client()
    response = client.get(
        _url("rights:obligations", "en"), {"province": "BC", "program": "sawp-mx"}
    )
    body = response.content.decode()
    assert "Deduct no more than $7.11 per working day." in body
    assert "workshop-pack.pdf?province=BC&amp;program=sawp-mx" in body
    bad = client.get(_url("rights:obligations", "en"), {"province": "ZZ", "program": "sawp-mx"})
    assert bad.status_code == 200
    assert "Select a valid choice" in bad.content.decode()


def test_it_keeps_worker_pages_small_and_free_of_scripts():
    published_article(slug="bc-housing")
    client = Client()
    client.cookies[COOKIE] = "BC:sawp-mx"
    for url in (
        _url("rights:index"),
        _url("rights:article", slug="bc-housing"),
        _url("rights:subscribe"),
    ):
        body = client.get(url).content
        assert b"<script" not in body
        assert len(body) < 60_000


def test_a_phone_that_has_the_article_gets_304_without_the_page_again(client):
    published_article(slug="bc-housing")
    url = _url("rights:article", slug="bc-housing")
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert first["Cache-Control"] == "private, no-cache"
    with assert_max_queries(1):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content


def test_the_validator_changes_with_the_language_the_reader_and_a_new_version(client, personas):
    from juntos.rights import services

    article = published_article(slug="bc-housing")
    spanish = client.get(_url("rights:article", slug="bc-housing"))["ETag"]
    assert client.get(_url("rights:article", "fr", slug="bc-housing"))["ETag"] != spanish
    client.force_login(personas.rosa)
    as_rosa = client.get(_url("rights:article", slug="bc-housing"))["ETag"]
    assert as_rosa != spanish
    version = new_version(article, personas.ben, en={"summary": "Now up to $8.00 a working day."})
    services.version_submit(actor=personas.ben, version=version)
    services.version_publish(actor=personas.admin, version=version, notify_subscribers=False)
    assert client.get(_url("rights:article", slug="bc-housing"))["ETag"] != as_rosa
