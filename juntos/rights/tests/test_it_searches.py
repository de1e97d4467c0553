"""Search: normalising words, building backend queries, and real searches on the active DB."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juntos.rights.search import search_articles, search_page
from juntos.rights.search.base import SearchRequest
from juntos.rights.search.normalise import (
    query_terms,
    scope_query,
    scope_terms,
    strip_accents,
    terms,
)
from juntos.rights.search.postgresql import build_tsquery, vector_column
from juntos.rights.search.sqlite import build_match
from juntos.rights.tests.factories import TEXTS, published_article, texts_with


def test_it_strips_accents_and_stems_per_language():
    assert strip_accents("Deducción à l'été") == "Deduccion a l'ete"
    assert terms("viviendas", "es") == terms("vivienda", "es")
    assert terms("deducción", "es") == terms("DEDUCCION", "es")
    assert terms("logements", "fr") == terms("logement", "fr")
    assert terms("deductions", "en") == terms("deduction", "en")


def test_it_drops_stopwords_and_caps_query_terms():
    assert terms("de la vivienda", "es") == terms("vivienda", "es")
    assert query_terms("casa casa casa", "es") == ["cas"]
    assert len(query_terms(" ".join(f"palabra{i}" for i in range(40)), "es")) == 12


def test_it_builds_scope_tokens_that_join_place_and_program():
    assert scope_terms(["BC", "CA"], ["sawp-mx"]) == "sbcsawpmx scasawpmx"
    assert scope_terms(["ON"], []) == "sonall"
    assert scope_query("BC", "sawp-mx") == ["sbcsawpmx", "sbcall", "scasawpmx", "scaall"]
    assert scope_query("BC", "") == ["sbc", "sca"]
    assert scope_query("", "sawp-mx") == []


def test_it_builds_an_fts5_match_expression():
    request = SearchRequest(language="es", terms=["viviend", "aloj"], scope=["sbcall", "scaall"])
    assert build_match(request) == (
        '{title keywords body} : ("viviend" AND "aloj") AND scope : ("sbcall" OR "scaall")'
    )
    titles = SearchRequest(language="es", terms=["aloj"], title_only=True)
    assert build_match(titles) == '{title keywords} : ("aloj")'
    any_word = SearchRequest(language="en", terms=["a", "b"], match_all=False)
    assert build_match(any_word) == '{title keywords body} : ("a" OR "b")'
    prefixes = SearchRequest(language="en", terms=["a"], scope=["sbc"], scope_prefix=True)
    assert build_match(prefixes) == '{title keywords body} : ("a") AND scope : ("sbc" *)'


def test_it_builds_a_tsquery():
    request = SearchRequest(language="fr", terms=["log", "reten"], scope=["sqcall", "scaall"])
    assert build_tsquery(request) == ("('log' & 'reten')", "('sqcall' | 'scaall')")
    assert build_tsquery(SearchRequest(language="fr", terms=["x"])) == ("('x')", "")
    titles = SearchRequest(language="fr", terms=["x", "y"], title_only=True)
    assert build_tsquery(titles) == ("('x' & 'y')", "")
    assert vector_column(titles) == "title_vector"
    assert vector_column(request) == "search_vector"
    prefixes = SearchRequest(language="fr", terms=["x"], scope=["sqc"], scope_prefix=True)
    assert build_tsquery(prefixes) == ("('x')", "('sqc':*)")


@pytest.mark.django_db
def test_it_finds_housing_in_spanish_by_either_word_ignoring_accents():
    article = published_article(slug="bc-housing")
    published_article(
        slug="wages",
        topics=("wages",),
        texts=texts_with(
            es={
                "title": "Salario",
                "summary": "Su pago.",
                "keywords": "sueldo",
                "body": "Cada hora de trabajo se paga.",
            }
        ),
    )
    for query in ("vivienda", "alojamiento", "VIVIENDAS", "descuento por vivienda"):
        hits = search_articles(query, language="es", province="BC", program="sawp-mx")
        assert [h.slug for h in hits][:1] == [article.slug], query
    # A Spanish word in the English search finds the English text of the same idea.
    english = search_articles("alojamiento", language="en")
    assert english[0].title == "Housing deduction in British Columbia"


def _pay_stub_library():
    housing = published_article(slug="bc-housing")  # Spanish says "descuento", "vivienda"
    published_article(
        slug="wages",
        topics=("wages",),
        texts=texts_with(
            en={"title": "Minimum wage", "summary": "Pay.", "keywords": "wage", "body": "Pay."},
            es={"title": "Salario mínimo", "summary": "Su pago.", "keywords": "", "body": "Pago."},
            fr={"title": "Salaire minimum", "summary": "Votre paie.", "keywords": "", "body": "."},
        ),
    )
    return housing


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["deducciones", "deduccion", "deducción", "bivienda", "housing", "alojamientos"]
)
def test_it_finds_the_pay_stub_word_in_spanish(query):
    housing = _pay_stub_library()
    outcome = search_page(query, language="es", province="BC", program="sawp-mx")
    assert [h.slug for h in outcome.hits][:1] == [housing.slug], query
    assert outcome.hits[0].title == "Descuento por vivienda en Columbia Británica"


@pytest.mark.django_db
def test_it_says_which_typo_it_fixed_and_finds_synonyms_in_french_and_english():
    housing = _pay_stub_library()
    outcome = search_page("bivienda", language="es")
    assert outcome.corrected == [("bivienda", "vivienda")]
    assert [h.slug for h in search_page("sueldo", language="es").hits] == ["wages"]
    assert [h.slug for h in search_page("salaire", language="fr").hits] == ["wages"]
    assert [h.slug for h in search_page("hébergement", language="fr").hits] == [housing.slug]
    assert [h.slug for h in search_page("accommodation", language="en").hits][:1] == [housing.slug]


@pytest.mark.django_db
def test_it_suggests_words_instead_of_an_empty_page():
    _pay_stub_library()
    outcome = search_page("viviendaxyz", language="es")
    assert outcome.hits == []
    assert "vivienda" in outcome.suggestions
    assert search_page("zzzz qqqq", language="es").hits == []


@pytest.mark.django_db
def test_the_search_page_shows_the_correction_and_the_suggestions(client):
    _pay_stub_library()
    fixed = client.get("/es/rights/search/", {"q": "bivienda"}).content.decode()
    assert "vivienda" in fixed and "/es/rights/articles/bc-housing/" in fixed
    assert "Resultados para" in fixed
    none = client.get("/es/rights/search/", {"q": "viviendaxyz"}).content.decode()
    assert "/es/rights/search/?q=vivienda" in none


@pytest.mark.django_db
def test_it_ranks_title_matches_above_body_matches():
    in_body = published_article(
        slug="in-body",
        texts=texts_with(
            en={"title": "Breaks", "keywords": "", "body": "Housing is mentioned only here, once."}
        ),
    )
    in_title = published_article(slug="in-title")  # "Housing" in the title and keywords
    hits = search_articles("housing", language="en")
    assert [h.slug for h in hits] == [in_title.slug, in_body.slug]
    assert hits[0].score > hits[1].score


@pytest.mark.django_db
def test_it_keeps_to_the_chosen_province_and_program_but_includes_federal_rules():
    published_article(slug="bc-only")
    published_article(slug="federal", jurisdictions=("CA",), programs=())
    published_article(slug="ontario", jurisdictions=("ON",))
    found = {
        h.slug for h in search_articles("housing", language="en", province="BC", program="sawp-mx")
    }
    assert found == {"bc-only", "federal"}
    ontario_any_program = {h.slug for h in search_articles("housing", language="en", province="ON")}
    assert ontario_any_program == {"federal", "ontario"}
    caribbean = {
        h.slug for h in search_articles("housing", language="en", province="BC", program="sawp-car")
    }
    assert caribbean == {"federal"}


@pytest.mark.django_db
def test_it_falls_back_to_any_word_when_no_article_has_all():
    published_article(slug="housing")
    hits = search_articles("housing zebra", language="en")
    assert [h.slug for h in hits] == ["housing"]


@pytest.mark.django_db
def test_it_follows_the_current_version_when_a_new_one_is_published():
    from juntos.rights import services
    from juntos.rights.tests.factories import new_version

    article = published_article(slug="moving")
    version = new_version(article, None, en={"title": "Utilities", "keywords": "electricity"})
    services.version_submit(actor=None, version=version)
    services.version_publish(actor=None, version=version, notify_subscribers=False)
    assert [h.slug for h in search_articles("electricity", language="en")] == ["moving"]
    assert search_articles("rent", language="en") == []


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60))
def test_it_never_fails_on_what_people_type(query):
    # FTS5 and tsquery syntax characters must never reach the database unquoted.
    search_articles(query + ' "*(-:^', language="es", province="BC", program="sawp-mx")


@pytest.mark.django_db
def test_it_indexes_every_language_of_the_current_version():
    from juntos.rights.models import SearchDocument

    article = published_article()
    assert set(
        SearchDocument.objects.filter(article=article).values_list("language", flat=True)
    ) == set(TEXTS)
