"""The figures of a text (amounts, numbers, dates), compared across languages.

A translator who keeps every word right but leaves last year's amount tells a worker the wrong
deduction. The figures are read the way each language writes them (946.95, 946,95, 946,95 $,
1 234,56, 1.234,56) and reduced to one form, and dates written with month names count as the
same day, month and year as their digits (1 April 2026, 1 de abril de 2026, 2026-04-01).
Numbers written as words ("two weeks") are not read: a translator must still compare those.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "enero", "janvier", "janv"),
            ("february", "feb", "febrero", "fevrier", "fevr"),
            ("march", "mar", "marzo", "mars"),
            ("april", "apr", "abril", "avril"),
            ("may", "mayo", "mai"),
            ("june", "jun", "junio", "juin"),
            ("july", "jul", "julio", "juillet", "juil"),
            ("august", "aug", "agosto", "aout"),
            ("september", "sept", "sep", "septiembre", "setiembre", "septembre"),
            ("october", "oct", "octubre", "octobre"),
            ("november", "nov", "noviembre", "novembre"),
            ("december", "dec", "diciembre", "dic", "decembre"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_WORD = re.compile(r"[a-z]+")
# A month name counts only beside a day or a year ("May 1", "1 mai", "de mayo de 2026"), so the
# English "may" of "your employer may" is never read as a date.
_BEFORE_MONTH = re.compile(r"\d(?:st|nd|rd|th|er|o)?\.?\s*(?:de\s+)?$")
_AFTER_MONTH = re.compile(r"^\.?\s*(?:de\s+)?\d")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
# Times of day: 8:00 p.m., 20:00, 20 h, 6 h 30, 8 a.m. (a number without a.m./p.m. is 24-hour).
_TIME = re.compile(
    r"\b(\d{1,2})(?::(\d{2})|\s?h(?:\s?(\d{2}))?\b|(?=\s?[ap]\.?m\b))(?:\s?([ap])\.?m\b\.?)?"
)
# Digits with groups of three separated by a space, a dot or a comma, and a decimal part.
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*")
_SPACES = re.compile(r"[ \u00a0\u202f]")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_number(token: str) -> Decimal | None:
    """One written number as a value: the last separator is decimal unless three digits follow."""
    digits = _SPACES.sub("", token)
    separators = [i for i, c in enumerate(digits) if c in ".,"]
    if not separators:
        return Decimal(digits)
    last = separators[-1]
    kinds = {digits[i] for i in separators}
    decimals = len(digits) - last - 1
    whole, fraction = digits[:last], digits[last + 1 :]
    if len(kinds) == 1 and len(separators) == 1 and decimals == 3:
        # "1,234" and "1.234": a thousands group in all three languages.
        whole, fraction = digits, ""
    elif len(kinds) == 1 and len(separators) > 1:
        whole, fraction = digits, ""  # "1.234.567" or "1,234,567"
    try:
        value = Decimal(re.sub(r"[.,]", "", whole) + ("." + fraction if fraction else ""))
    except InvalidOperation:
        return None
    return value.normalize() if value == value.to_integral() else value


def figures(text: str) -> set[str]:
    """Every figure in a text, each in one form: '946.95', '2026', 'month:4', 'time:20:00'."""
    plain = _plain(text)
    found: set[str] = set()
    for match in _ISO_DATE.finditer(plain):
        year, month, day = match.groups()
        found |= {str(int(year)), f"month:{int(month)}", str(int(day))}
    plain = _ISO_DATE.sub(" ", plain)
    for match in _TIME.finditer(plain):
        hour, minutes = int(match.group(1)), int(match.group(2) or match.group(3) or 0)
        if match.group(4) == "p" and hour < 12:
            hour += 12
        elif match.group(4) == "a" and hour == 12:
            hour = 0
        found.add(f"time:{hour}:{minutes:02d}")
    plain = _TIME.sub(" ", plain)
    for match in _MONTH_WORD.finditer(plain):
        month = MONTHS.get(match.group())
        if month is None:
            continue
        before, after = plain[max(0, match.start() - 8) : match.start()], plain[match.end() :]
        if _BEFORE_MONTH.search(before) or _AFTER_MONTH.match(after[:8]):
            found.add(f"month:{month}")
    for match in _NUMBER.finditer(plain):
        value = read_number(match.group())
        if value is not None:
            found.add(_form(value))
    return found


def _form(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True)
class FigureDifference:
    """Figures of the English text missing from a translation, and figures it adds."""

    missing: list[str]
    extra: list[str]

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra)

    @property
    def missing_shown(self) -> list[str]:
        return [describe(form) for form in self.missing]

    @property
    def extra_shown(self) -> list[str]:
        return [describe(form) for form in self.extra]


def compare_figures(source: str, translation: str) -> FigureDifference:
    """How the figures of a translation differ from those of its source (empty when alike)."""
    wanted, given = figures(source), figures(translation)
    return FigureDifference(missing=_sorted(wanted - given), extra=_sorted(given - wanted))


def _sorted(forms: set[str]) -> list[str]:
    return sorted(forms, key=lambda f: (":" in f, len(f), f))


def describe(form: str) -> str:
    """A figure's form as an editor reads it: '946.95', '20:00', 'April'."""
    from django.utils.dates import MONTHS as MONTH_NAMES

    if form.startswith("month:"):
        return str(MONTH_NAMES[int(form.removeprefix("month:"))])
    return form.removeprefix("time:")
