"""The official lists' own words, shown in the reader's language.

The federal list of non-compliant employers is imported in English. Its statuses ("Eligible"),
penalties ("Warning", "$45,000 and a 5-year ban") and reasons come from a small, fixed set of
phrasings, so each known one goes through the catalogue; so do the licence conditions that the
provincial recruiter lists use. Anything else is shown as published
and marked as English (`lang="en"`), never passed off as a translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from juntos.registry.search import normalise


@dataclass(frozen=True)
class Shown:
    """A value as the page shows it; `lang` is "en" when it is the list's own English."""

    text: str
    lang: str = ""


STATUSES: dict[str, Promise] = {
    "eligible": _("Eligible to hire through the program"),
    "ineligible": _("Not eligible to hire through the program"),
    "ineligible unpaid penalty": _("Not eligible to hire through the program: penalty unpaid"),
}

REASONS: dict[str, Promise] = {
    normalise(english): translated
    for english, translated in (
        (
            "The employer did not keep documents that show it complied with the conditions",
            _("The employer did not keep documents that show it complied with the conditions."),
        ),
        (
            "the employer did not provide the employee with employment in the same occupation "
            "as that set out in the offer of employment",
            _(
                "The employer did not give the worker a job in the occupation set out in the "
                "offer of employment."
            ),
        ),
        (
            "the employer did not make reasonable efforts to provide a workplace free of abuse",
            _("The employer did not make reasonable efforts to provide a workplace free of abuse."),
        ),
        (
            "The employer did not pay the wages set out in the offer of employment",
            _("The employer did not pay the wages set out in the offer of employment."),
        ),
        (
            "The employer did not cooperate with an inspection",
            _("The employer did not cooperate with an inspection."),
        ),
    )
}


CONDITIONS: dict[str, Promise] = {
    normalise(english): translated
    for english, translated in (
        (
            "Suspended pending investigation of fees charged to workers",
            _("Suspended while fees charged to workers are investigated."),
        ),
        (
            "May recruit only for agricultural employers",
            _("May recruit only for agricultural employers."),
        ),
    )
}


def _amount(text: str) -> str:
    return number_format(int(text.replace(",", "")), force_grouping=True)


def _fine(match: re.Match[str]) -> str:
    return _("A fine of $%(amount)s") % {"amount": _amount(match["amount"])}


def _fine_and_ban(match: re.Match[str]) -> str:
    years = int(match["years"])
    return ngettext(
        "A fine of $%(amount)s and a ban of %(years)s year",
        "A fine of $%(amount)s and a ban of %(years)s years",
        years,
    ) % {"amount": _amount(match["amount"]), "years": years}


def _ineligible_for(match: re.Match[str]) -> str:
    years = int(match["years"])
    return ngettext(
        "Not eligible to hire for %(years)s year",
        "Not eligible to hire for %(years)s years",
        years,
    ) % {"years": years}


PENALTIES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^warning$"), lambda _match: str(_("Warning"))),
    (re.compile(r"^\$(?P<amount>\d{1,3}(?:,\d{3})*|\d+)$"), _fine),
    (
        re.compile(r"^\$(?P<amount>\d{1,3}(?:,\d{3})*|\d+) and an? (?P<years>\d+)[- ]year ban$"),
        _fine_and_ban,
    ),
    (re.compile(r"^ineligible for (?P<years>\d+) years?$"), _ineligible_for),
]


def shown_status(status: str) -> Shown:
    """A record's status in the reader's language when it is one the list uses."""
    known = STATUSES.get(normalise(status))
    return Shown(str(known)) if known else Shown(status, "en")


def shown_penalty(penalty: str) -> Shown:
    """A record's penalty in the reader's language when it has a known shape."""
    plain = " ".join(penalty.casefold().split())
    for pattern, render in PENALTIES:
        match = pattern.match(plain)
        if match:
            return Shown(render(match))
    return Shown(penalty, "en")


def shown_reasons(reasons: str) -> list[Shown]:
    """Each reason of a record (the list joins them with ";"), translated when known."""
    shown = []
    for part in filter(None, (p.strip() for p in reasons.split(";"))):
        known = REASONS.get(normalise(part))
        shown.append(Shown(str(known)) if known else Shown(part, "en"))
    return shown


def shown_conditions(conditions: str) -> Shown:
    """A licence's conditions in the reader's language when the list uses known wording."""
    known = CONDITIONS.get(normalise(conditions))
    return Shown(str(known)) if known else Shown(conditions, "en")
