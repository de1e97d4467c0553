"""The figure check: amounts, numbers, dates and times read the way each language writes them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juntos.rights.content import article_specs
from juntos.rights.figures import compare_figures, figures, read_number


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("946.95", "946.95"),
        ("946,95", "946.95"),
        ("1,234.56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1\u202f234,56", "1234.56"),
        ("12,000", "12000"),
        ("12.000", "12000"),
        ("1,234,567", "1234567"),
        ("3,01", "3.01"),
        ("2025", "2025"),
        ("7.10", "7.1"),
    ],
)
def test_it_reads_a_number_as_each_language_writes_it(written, value):
    assert read_number(written) == Decimal(value)


def test_the_same_amounts_in_three_languages_match():
    english = "Up to $7.11 a working day, never more than $946.95 (2025 amounts, up 3.01%)."
    spanish = "Hasta 7,11 $ por día trabajado, nunca más de 946,95 $ (montos de 2025, 3,01 %)."
    french = "Jusqu'à 7,11 $ par jour travaillé, jamais plus de 946,95 $ (2025, hausse de 3,01 %)."
    assert not compare_figures(english, spanish)
    assert not compare_figures(english, french)


def test_a_changed_amount_is_caught_and_named():
    difference = compare_figures("At most $950.00 for the season.", "Como máximo 946,95 $.")
    assert difference
    assert difference.missing == ["950"] and difference.extra == ["946.95"]


def test_dates_with_month_names_match_their_digits():
    english = "In force from April 1, 2026 (see the notice of 2026-04-01)."
    spanish = "Vigente desde el 1 de abril de 2026."
    french = "En vigueur depuis le 1er avril 2026."
    assert figures(english) == figures(spanish) == figures(french) == {"1", "2026", "month:4"}
    assert compare_figures(english, "Vigente desde el 1 de mayo de 2026.").missing_shown == [
        "April"
    ]


def test_the_english_may_is_not_a_month():
    assert figures("Your employer may deduct it.") == set()
    assert figures("From May 15.") == {"15", "month:5"}


def test_times_match_in_twelve_and_twenty_four_hours():
    english = "Monday to Friday, 6:30 a.m. to 8:00 p.m."
    assert figures(english) == {"time:6:30", "time:20:00"}
    assert not compare_figures(english, "De lunes a viernes, de 6:30 a 20:00.")
    assert not compare_figures(english, "Du lundi au vendredi, de 6 h 30 à 20 h.")
    assert compare_figures(english, "De lunes a viernes, de 6:30 a 18:00.").missing_shown == [
        "20:00"
    ]


def test_the_shipped_articles_repeat_their_figures_in_every_language():
    for spec in article_specs():
        for version in spec["versions"]:
            texts = version["texts"]
            source = _joined(texts["en"])
            for language in ("es", "fr"):
                assert not compare_figures(source, _joined(texts[language])), (
                    spec["slug"],
                    language,
                )


def _joined(fields: dict[str, str]) -> str:
    names = ("title", "summary", "body", "what_changed", "obligation")
    return "\n".join(fields.get(name, "") for name in names)
