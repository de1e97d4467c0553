"""Articles that name a rule's figures show the rule data's amount and certainty, in the
reader's language, everywhere the text is read; and follow an approved rule version."""

from __future__ import annotations

import datetime as dt

import pytest

from juntos.compliance.services import rules_load
from juntos.rights.figure_tags import certainties_of, render_figures, tags_in
from juntos.rights.models import Article
from juntos.rights.search import search_articles
from juntos.rights.services import articles_follow_rule_version, content_load, version_draft

pytestmark = pytest.mark.django_db
OCT_2026 = dt.date(2026, 10, 15)


@pytest.fixture
def loaded(db: None) -> None:
    rules_load()
    content_load(notify_subscribers=False)


def test_a_tag_shows_the_amount_with_its_certainty_in_each_language(loaded):
    text = "[[MW-MB.hourly]] / [[MW-MB.hourly@2025-10-01]]"
    assert render_figures(text, "en", OCT_2026) == (
        "$16.40 since Oct. 1, 2026 (reported by an unofficial source, not yet confirmed) / $16.00"
    )
    assert render_figures(text, "es", OCT_2026).startswith(
        "16,40 $ desde el 1 de octubre de 2026 (según una fuente no oficial"
    )
    assert render_figures("[[MW-MB.hourly@2025-10-01]]", "fr", OCT_2026) == "16,00 $"
    assert certainties_of(text, OCT_2026) == {"secondary", "confirmed"}


def test_a_day_no_version_covers_is_an_amount_we_do_not_know(loaded):
    assert render_figures("[[MW-SK.hourly]]", "en", OCT_2026) == (
        "an amount we do not know for today (ask a caseworker)"
    )
    assert "persona de apoyo" in render_figures("[[MW-NT.hourly]]", "es", OCT_2026)
    assert certainties_of("[[MW-SK.hourly]]", OCT_2026) == {""}
    assert tags_in("[[MW-SK.hourly@2025-10-01]]") == [("MW-SK", "hourly", dt.date(2025, 10, 1))]


def test_cards_the_api_and_search_never_show_a_tag(loaded, client):
    cards = client.get("/api/rights/articles?province=MB&program=low-wage&language=en").json()
    manitoba = next(card for card in cards if card["slug"] == "minimum-wage-mb")
    assert "[[" not in manitoba["summary"] and "$" in manitoba["summary"]
    article = client.get("/api/rights/articles/minimum-wage-territories?language=fr").json()
    assert "[[" not in article["summary"] + article["body"]
    assert not search_articles("mw", language="en", province="MB", program="low-wage")


def test_an_approved_rule_version_gives_the_naming_articles_a_new_version(loaded, personas):
    article = Article.objects.get(slug="minimum-wage-sk")
    before = article.current_version
    assert before is not None
    # An editor's unfinished draft is not what the rule's change publishes.
    draft = version_draft(
        actor=personas.ben,
        article=article,
        effective_from=dt.date(2026, 11, 1),
        source_url="https://example.org/draft",
        source_title="Draft",
        source_date=dt.date(2026, 11, 1),
    )
    draft.texts.filter(language="en").update(summary="Half-written draft")
    stale = {t.language for t in before.texts.all() if t.source_id is None}

    changed = articles_follow_rule_version(
        rule_id="MW-SK",
        effective_from=dt.date(2026, 10, 1),
        figures=["hourly"],
        source_url="https://www.saskatchewan.ca/minimum-wage",
        source_title="Saskatchewan minimum wage",
        source_date=dt.date(2026, 9, 1),
    )

    assert changed == ["minimum-wage-sk"]
    article.refresh_from_db()
    after = article.current_version
    assert after is not None and after.number == draft.number + 1
    assert after.texts.get(language="en").summary == before.texts.get(language="en").summary
    assert after.is_uncertain  # the figure it names is not known: never claims more
    texts = {t.language: t for t in after.texts.all()}
    assert texts["en"].what_changed.startswith("New figures from the rules, from Oct. 1, 2026")
    assert "[[MW-SK.hourly@2026-10-01]]" in texts["fr"].what_changed
    assert texts["es"].summary == before.texts.get(language="es").summary
    source = texts["en"]
    for language in ("es", "fr"):
        current = texts[language].source_digest == source.content_digest()
        assert current == (language not in stale)  # a translation keeps its state
    assert (
        articles_follow_rule_version(
            rule_id="MW-NOPE",
            effective_from=dt.date(2026, 10, 1),
            figures=[],
            source_url="https://example.org",
            source_title="x",
            source_date=dt.date(2026, 9, 1),
        )
        == []
    )
