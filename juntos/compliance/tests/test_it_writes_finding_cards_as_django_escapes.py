"""The results page's finding cards are written in Python with their fixed words translated
once per language; what they say, and how every value is escaped, is what Django's
`format_html` writes for the same card. Their report links' queries are what `urlencode` writes."""

from __future__ import annotations

import itertools
from urllib.parse import urlencode

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from hypothesis import given
from hypothesis import strategies as st

from juntos.compliance.engine import Figure, Finding
from juntos.compliance.reporting import intake_page, query_string
from juntos.compliance.templatetags import compliance_tags
from juntos.compliance.templatetags.compliance_tags import figure_value, finding_cards

HOSTILE = '<b>Tom & "Jerry"</b> l\'été'


def _finding(severity: str, certainty: str, *, figures: bool, source: bool) -> Finding:
    return Finding(
        rule_id=f"bc-{severity}-<x>",
        severity=severity,
        summary=f"Resumen {HOSTILE}",
        figures=(
            (
                Figure(label=f"Tarifa {HOSTILE}", value="17.85", unit="money"),
                Figure(label="Desde", value="2025-06-01", unit="date"),
                Figure(label="Nota", value=HOSTILE, unit="text"),
            )
            if figures
            else ()
        ),
        title=mark_safe("Título <em>ya seguro</em>"),  # a marked-safe title stays as it is
        explanation=f"Explicación {HOSTILE}",
        source_url="https://www2.gov.bc.ca/gov/content/employment-business?a=1&b=2"
        if source
        else "",
        source_title="Employment Standards",
        source_date="2025-06-01",
        effective_from="2025-06-01",
        certainty=certainty,
        report_category="deductions",
        source_kind="official",
    )


def _with_format_html(finding: Finding, link: str | None, employer_view: bool) -> str:
    """The card as Django's `format_html` writes it (how the page wrote it before)."""
    severity = finding.severity
    if severity == "violation":
        verdict = _("Does not meet this obligation") if employer_view else _("Breaks the rule")
    elif severity == "not-covered":
        verdict = _("No rule known: ask a caseworker")
    elif severity == "ask":
        verdict = _("Ask a caseworker to check")
    else:
        verdict = _("Good to know")
    figures = ""
    if finding.figures:
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td></tr>',
            ((f.label, figure_value(f)) for f in finding.figures),
        )
        figures = format_html(
            '<table><caption class="visually-hidden">{}</caption><tbody>{}</tbody></table>',
            _("Figures compared"),
            rows,
        )
    unverified = ""
    if finding.certainty in ("uncertain", "secondary"):
        unverified = format_html(
            '<p class="notice">{}</p>',
            _(
                "We have not verified this rule yet, so we cannot say it was broken. A "
                "caseworker can check it with you."
            ),
        )
    report = (
        format_html(
            '<p><a class="button" href="{}">{}</a></p>', link, _("Open a confidential report")
        )
        if link
        else ""
    )
    return format_html(
        '<li class="card finding finding-{}"><p class="meta"><strong>{}</strong> · {}</p>'
        "<h2>{}</h2><p>{}</p>{}<p>{}</p>{}{}{}</li>",
        severity,
        verdict,
        finding.rule_id,
        finding.title,
        finding.summary,
        figures,
        finding.explanation,
        unverified,
        compliance_tags._source(finding),
        report,
    )


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_each_card_is_what_format_html_writes(language: str) -> None:
    kinds = itertools.product(
        ("violation", "not-covered", "ask", "info"),
        ("confirmed", "uncertain", "secondary"),
        (True, False),
        (True, False),
    )
    with translation.override(language):
        for severity, certainty, figures, source in kinds:
            finding = _finding(severity, certainty, figures=figures, source=source)
            for link, employer_view in itertools.product(
                (None, "/es/reports/new/?details=a%20b&category=<x>"), (False, True)
            ):
                expected = _with_format_html(finding, link, employer_view)
                assert finding_cards([(finding, link)], employer_view) == expected


def test_the_fixed_words_follow_the_language_and_the_cards_are_escaped() -> None:
    finding = _finding("violation", "uncertain", figures=True, source=True)
    cards = {}
    for language in ("en", "es", "fr", "en"):
        with translation.override(language):
            cards[language] = str(finding_cards([(finding, "/r?a=1&b=2")]))
    assert "Breaks the rule" in cards["en"] and "Breaks the rule" not in cards["es"]
    assert cards["es"] != cards["fr"]
    for card in cards.values():
        assert "<b>" not in card and "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;" in card
        assert "l&#x27;été" in card
        assert "<em>ya seguro</em>" in card  # marked safe: kept
        assert 'href="/r?a=1&amp;b=2"' in card
    assert finding_cards([]) == ""


@given(st.dictionaries(st.text(max_size=20), st.text(max_size=300), max_size=6))
def test_a_report_link_s_query_is_what_urlencode_writes(query: dict[str, str]) -> None:
    try:
        expected = urlencode(query)
    except UnicodeEncodeError:  # a lone surrogate: neither writes it
        with pytest.raises(UnicodeEncodeError):
            query_string(query)
        return
    assert query_string(query) == expected


# A URL configuration without the reports module: no finding offers a report then.
urlpatterns: list[object] = []


def test_the_intake_page_follows_the_language_and_the_url_configuration() -> None:
    pages = {}
    for language in ("en", "es", "fr", "es"):
        with translation.override(language):
            pages[language] = intake_page()
            assert pages[language] == reverse("reports:intake")
    assert len(set(pages.values())) == 3
    with override_settings(ROOT_URLCONF=__name__), translation.override("es"):
        assert intake_page() is None
    with translation.override("es"):
        assert intake_page() == pages["es"]
