"""Showing a finding's figures in the reader's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.template.defaultfilters import floatformat
from django.utils import formats, translation
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from juntos.compliance.evaluators.common import day
from juntos.compliance.loader import source_title_in
from juntos.core.forms import escaped

register = template.Library()

# Government hosts: a source there is the government's own word. Anything else (news, law
# firms, advocacy groups, industry bodies, newswires) is shown as "reported by".
GOVERNMENT_HOSTS = (
    "canada.ca",
    "gc.ca",
    "gov.bc.ca",
    "ontario.ca",
    "quebec.ca",
    "gouv.qc.ca",
    "alberta.ca",
    "albertacanada.com",
    "saskatchewan.ca",
    "manitoba.ca",
    "gov.mb.ca",
    "novascotia.ca",
    "gnb.ca",
    "princeedwardisland.ca",
    "gov.pe.ca",
    "gov.nl.ca",
    "yukon.ca",
    "gov.nt.ca",
    "gov.nu.ca",
)


@register.filter
def is_official_source(url: str) -> bool:
    """True when the address is a government site (see GOVERNMENT_HOSTS)."""
    host = urlsplit(str(url or "")).hostname or ""
    return any(host == h or host.endswith("." + h) for h in GOVERNMENT_HOSTS)


def format_figure(value: str, unit: str) -> str:
    """A figure's value for display: money with two decimals, dates spelled out."""
    return _formatted(value, unit, translation.get_language() or "")


# Figures repeat from check to check (rates, caps, days of the year): formatting one with
# Django's localized number and date formats cost more than the check itself.
@lru_cache(maxsize=4096)
def _formatted(value: str, unit: str, language: str) -> str:
    try:
        if unit == "money":
            return _("$%(amount)s") % {
                "amount": formats.number_format(Decimal(value), decimal_pos=2, use_l10n=True)
            }
        if unit == "date":
            return day(dt.date.fromisoformat(value))
        if unit == "percent":
            return formats.number_format(Decimal(value), use_l10n=True) + " %"
        if unit in ("hours", "days", "weeks", "months"):
            return formats.number_format(Decimal(value), use_l10n=True)
    except (InvalidOperation, TypeError, ValueError):
        return value
    return value


@register.filter
def figure_value(figure: Any) -> str:
    return format_figure(figure.value, figure.unit)


@register.filter
def iso_date(value: str) -> str:
    """An ISO date string spelled out in the current language."""
    return _formatted(value, "date", translation.get_language() or "") if value else value


@register.filter
def source_title(title: str) -> str:
    """A source's title in the current language (the rules file's catalogue), else as given."""
    return source_title_in(title, translation.get_language() or "en")


def _verdict(severity: str, employer_view: bool) -> str:
    if severity == "violation":
        return _("Does not meet this obligation") if employer_view else _("Breaks the rule")
    if severity == "not-covered":
        return _("No rule known: ask a caseworker")
    if severity == "ask":
        return _("Ask a caseworker to check")
    return _("Good to know")


@dataclass(frozen=True)
class _CardWords:
    """A finding card's fixed words in one language, escaped."""

    verdicts: dict[tuple[str, bool], str]
    figures_compared: str
    unverified: str
    report: str


# Translated and escaped once per language in a process (a results page has several cards).
@lru_cache(maxsize=16)
def _card_words(language: str) -> _CardWords:
    severities = ("violation", "not-covered", "ask", "info")
    return _CardWords(
        verdicts={
            (severity, employer): escaped(_verdict(severity, employer))
            for severity in severities
            for employer in (False, True)
        },
        figures_compared=escaped(_("Figures compared")),
        unverified=(
            '<p class="notice">'
            + escaped(
                _(
                    "We have not verified this rule yet, so we cannot say it was broken. A "
                    "caseworker can check it with you."
                )
            )
            + "</p>"
        ),
        report=escaped(_("Open a confidential report")),
    )


def _figures(finding: Any, words: _CardWords) -> str:
    if not finding.figures:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{escaped(figure.label)}</th>'
        f"<td>{escaped(figure_value(figure))}</td></tr>"
        for figure in finding.figures
    )
    return (
        f'<table><caption class="visually-hidden">{words.figures_compared}</caption>'
        f"<tbody>{rows}</tbody></table>"
    )


def _source(finding: Any) -> SafeString | str:
    if not finding.source_url:
        return ""
    return _source_line(
        finding.source_kind,
        finding.source_url,
        finding.source_title,
        finding.source_date,
        finding.effective_from,
        translation.get_language() or "",
    )


# A finding's source line says only what its rule version says (public, and a version that
# changes its source has a new key): made once per version and language in a process.
@lru_cache(maxsize=1024)
def _source_line(
    source_kind: str,
    source_url: str,
    title: str,
    source_date: str,
    effective_from: str,
    language: str,
) -> SafeString:
    official = source_kind == "official" and is_official_source(source_url)
    date = format_html(" ({})", iso_date(source_date)) if source_date else ""
    return format_html(
        '<p class="meta">{}: <a href="{}" rel="noopener noreferrer">{}</a>{}. {}</p>',
        _("Official source") if official else _("Reported by"),
        source_url,
        source_title(title),
        date,
        _("Rule version in force from %(day)s.") % {"day": iso_date(effective_from)},
    )


def _card(finding: Any, link: str | None, employer_view: bool, words: _CardWords) -> str:
    severity = str(finding.severity)
    verdict = words.verdicts.get((severity, employer_view)) or words.verdicts[("info", False)]
    unverified = words.unverified if finding.certainty in ("uncertain", "secondary") else ""
    report = f'<p><a class="button" href="{escaped(link)}">{words.report}</a></p>' if link else ""
    return (
        f'<li class="card finding finding-{escaped(severity)}"><p class="meta"><strong>'
        f"{verdict}</strong> · {escaped(finding.rule_id)}</p><h2>{escaped(finding.title)}</h2>"
        f"<p>{escaped(finding.summary)}</p>{_figures(finding, words)}"
        f"<p>{escaped(finding.explanation)}</p>{unverified}{_source(finding)}{report}</li>"
    )


@register.simple_tag
def finding_cards(
    findings: Sequence[tuple[Any, str | None]], employer_view: bool = False
) -> SafeString:
    """Each (finding, report link) as a card. Built here rather than in an included template
    or a loop of tags: a results page shows several, and their fixed words are translated once
    per language."""
    words = _card_words(translation.get_language() or "")
    cards = "".join(_card(finding, link, employer_view, words) for finding, link in findings)
    return mark_safe(cards)  # noqa: S308 - every value above is escaped


# The figures a season's slips were read as repeat (the same rate, the same housing charge):
# each is formatted once per language in a process, as `_formatted` does.
@lru_cache(maxsize=4096)
def _two_places(value: Decimal, language: str) -> str:
    return str(conditional_escape(floatformat(value, "2g")))


@register.simple_tag
def understood_items(understood: Sequence[tuple[str, str, Decimal]]) -> SafeString:
    """How each figure typed another way than a plain number was read, as list items."""
    items = [
        _("%(label)s: you wrote “%(typed)s”, we read %(value)s.")
        % {
            "label": conditional_escape(label),
            "typed": conditional_escape(typed),
            "value": _two_places(value, translation.get_language() or ""),
        }
        for label, typed, value in understood
    ]
    return mark_safe("".join(f"<li>{item}</li>" for item in items))  # noqa: S308 - escaped


@register.simple_tag
def slip_cards(slips: Sequence[Any]) -> SafeString:
    """Each pay slip of a season check with its own findings, one card each. Built here, as
    `finding_card`, rather than with loops in the template: a season has up to 40 slips."""
    cards = []
    for slip in slips:
        heading = _("Pay slip from %(start)s to %(end)s") % {
            "start": conditional_escape(iso_date(slip.start_date.isoformat())),
            "end": conditional_escape(iso_date(slip.end_date.isoformat())),
        }
        if slip.findings:
            rows = format_html_join(
                "",
                "<li>{}: {}. {}</li>",
                ((_verdict(f.severity, False), f.title, f.summary) for f in slip.findings),
            )
            found = f"<ul>{rows}</ul>\n    "
        else:
            found = format_html(
                "<p>{}</p>", _("No problem found on this pay slip with the rules we check.")
            )
        cards.append(f'\n    <li class="card"><h3>{heading}</h3>\n    {found}</li>\n  ')
    return mark_safe("".join(cards))  # noqa: S308 - every value above is escaped
