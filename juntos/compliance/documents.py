"""What a person enters about a pay slip, contract or job offer, checked for meaning.

The form, the API and the command all turn their input into a `Document` here, so they reject
the same things with the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from juntos.compliance.amounts import parse_amount
from juntos.compliance.choices import DeductionType, DocumentKind, RecruiterLicensed
from juntos.core.jurisdictions import Program, Province

MAX_AMOUNT = Decimal("1000000")
MAX_RATE = Decimal("1000")
RATE_FIELDS = ("hourly_rate", "program_rate", "same_work_rate")
MAX_PAY_PERIOD_DAYS = 62
MAX_EMPLOYMENT_DAYS = 3 * 366
# Dates outside these years are typing mistakes (0001, 9999), never a real pay slip.
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


@dataclass(frozen=True)
class Document:
    """The facts of one document, typed; money is Decimal, dates are dates."""

    kind: str
    province: str
    program: str
    start_date: dt.date
    end_date: dt.date
    employer_name: str = ""
    hourly_rate: Decimal | None = None
    program_rate: Decimal | None = None
    same_work_rate: Decimal | None = None
    hours_worked: Decimal | None = None
    working_days: int | None = None
    gross_pay: Decimal | None = None
    # Housing deducted this season up to and including this pay slip (the slip's year-to-date
    # figure, or the sum of the slips checked together), for the BC season cap.
    housing_to_date: Decimal | None = None
    guaranteed_weekly_hours: Decimal | None = None
    deductions: Mapping[str, Decimal] = field(default_factory=dict)
    recruiter_used: bool = False
    recruiter_licensed: str = RecruiterLicensed.UNKNOWN
    recruiter_fees: Decimal = Decimal(0)
    signed_on: dt.date | None = None
    transferred_after_completion: bool = False

    @property
    def is_pay_slip(self) -> bool:
        return self.kind == DocumentKind.PAY_SLIP

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def effective_hourly_rate(self) -> Decimal | None:
        """The rate actually paid: the stated rate, or less if the gross pay says so."""
        rates = [r for r in (self.hourly_rate, self._gross_rate()) if r is not None]
        return min(rates) if rates else None

    def _gross_rate(self) -> Decimal | None:
        if self.gross_pay is None or not self.hours_worked:
            return None
        return (self.gross_pay / self.hours_worked).quantize(Decimal("0.01"))

    def deduction(self, kind: str) -> Decimal:
        return self.deductions.get(kind, Decimal(0))

    def to_facts(self) -> dict[str, Any]:
        """A JSON-ready dict that `document_from_facts` reads back into the same Document."""
        facts: dict[str, Any] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if value is None or value == "":
                continue
            facts[name] = value.isoformat() if isinstance(value, dt.date) else _plain(value)
        facts["deductions"] = {k: str(v) for k, v in self.deductions.items() if v}
        return facts


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


FIELDS = [
    "province",
    "program",
    "start_date",
    "end_date",
    "employer_name",
    "hourly_rate",
    "program_rate",
    "same_work_rate",
    "hours_worked",
    "working_days",
    "gross_pay",
    "housing_to_date",
    "guaranteed_weekly_hours",
    "recruiter_used",
    "recruiter_licensed",
    "recruiter_fees",
    "signed_on",
    "transferred_after_completion",
]
MONEY_FIELDS = (
    "hourly_rate",
    "program_rate",
    "same_work_rate",
    "gross_pay",
    "recruiter_fees",
    "housing_to_date",
)
# Deductions counted per working day: a pay slip that has one must say how many days were
# worked, never a guess from the calendar (which would allow more than the cap).
PER_WORKING_DAY = (DeductionType.HOUSING, DeductionType.UTILITIES)
HOUR_FIELDS = ("hours_worked", "guaranteed_weekly_hours")

BAD_NUMBER = _("Enter an amount such as 17.85 or 17,85.")
NEGATIVE = _("Enter zero or more.")
TOO_BIG = _("This amount is too large.")
TOO_BIG_RATE = _("An hourly rate this high is surely a typing mistake. Check the figure.")
BAD_DATE = _("Enter a date such as 2026-05-04.")
DATE_OUT_OF_RANGE = _("Enter a date between the years 2000 and 2100.")
REQUIRED = _("This is needed for the check.")
WORKING_DAYS_NEEDED = _(
    "Housing and utilities are counted per day worked: enter how many days you worked "
    "(at least 4 hours)."
)


# The choices' values, read once: Django builds an enumeration's `values` list anew (labels
# included) each time it is asked, and a document asks for five of them.
DEDUCTION_KINDS = frozenset(DeductionType.values)
DOCUMENT_KINDS = frozenset(DocumentKind.values)
PROGRAMS = list(Program.values)
PROVINCES = [code for code in Province.values if code != Province.FEDERAL]
RECRUITER_LICENSED = frozenset(RecruiterLicensed.values)


class _Errors:
    def __init__(self) -> None:
        self.by_field: dict[str, list[Any]] = {}

    def add(self, name: str, message: Any) -> None:
        self.by_field.setdefault(name, []).append(message)


def _read_number(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, Decimal | int | float):
        value = Decimal(str(raw))
        if not value.is_finite():
            raise ValueError(raw)
        return value
    text = str(raw).strip()
    if text.startswith("-"):
        return -parse_amount(text[1:])
    return parse_amount(text)


def _number(raw: Any, name: str, errors: _Errors) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        value = _read_number(raw)
    except (ValueError, InvalidOperation):
        errors.add(name, BAD_NUMBER)
        return None
    limit = MAX_RATE if name in RATE_FIELDS else MAX_AMOUNT
    if value < 0:
        errors.add(name, NEGATIVE)
    elif value >= limit:
        errors.add(name, TOO_BIG_RATE if name in RATE_FIELDS else TOO_BIG)
    else:
        return value
    return None


def _date(raw: Any, name: str, errors: _Errors) -> dt.date | None:
    if raw is None or raw == "":
        return None
    try:
        value = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        errors.add(name, BAD_DATE)
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not FIRST_DAY <= value <= LAST_DAY:
        errors.add(name, DATE_OUT_OF_RANGE)
        return None
    return value


def _choice(raw: Any, name: str, values: list[str], errors: _Errors) -> str:
    value = str(raw or "")
    if value not in values:
        errors.add(name, REQUIRED if not value else _("Choose one of the options."))
    return value


def _flag(raw: Any) -> bool:
    return raw in (True, "true", "True", "on", "1", 1, "yes")


def _deductions(raw: Any, errors: _Errors) -> dict[str, Decimal]:
    if raw in (None, ""):
        return {}
    if not isinstance(raw, Mapping):
        errors.add("deductions", _("List deductions by type and amount."))
        return {}
    found: dict[str, Decimal] = {}
    for kind, amount in raw.items():
        if kind not in DEDUCTION_KINDS:
            errors.add("deductions", _("Unknown kind of deduction: %(kind)s") % {"kind": kind})
            continue
        value = _number(amount, f"deduction_{kind}", errors)
        if value:
            found[kind] = value
    return found


def document_from_facts(kind: str, facts: Mapping[str, Any]) -> Document:
    """Read and check the facts of a document; raise ValidationError keyed by field."""
    errors = _Errors()
    if not isinstance(facts, Mapping):
        raise ValidationError({"facts": [_("Give the facts as named fields.")]})
    if kind not in DOCUMENT_KINDS:
        raise ValidationError({"kind": [_("Choose a pay slip, a contract or a job offer.")]})
    values: dict[str, Any] = {"kind": kind}
    values["province"] = _choice(facts.get("province"), "province", PROVINCES, errors)
    values["program"] = _choice(facts.get("program"), "program", PROGRAMS, errors)
    for name in (*MONEY_FIELDS, *HOUR_FIELDS):
        values[name] = _number(facts.get(name), name, errors)
    for name in ("start_date", "end_date", "signed_on"):
        values[name] = _date(facts.get(name), name, errors)
    values["working_days"] = _working_days(facts.get("working_days"), errors)
    values["deductions"] = _deductions(facts.get("deductions"), errors)
    values["employer_name"] = str(facts.get("employer_name") or "").strip()[:200]
    values["recruiter_used"] = _flag(facts.get("recruiter_used"))
    values["recruiter_licensed"] = str(facts.get("recruiter_licensed") or RecruiterLicensed.UNKNOWN)
    if values["recruiter_licensed"] not in RECRUITER_LICENSED:
        errors.add("recruiter_licensed", _("Choose one of the options."))
    values["recruiter_fees"] = values["recruiter_fees"] or Decimal(0)
    values["transferred_after_completion"] = _flag(facts.get("transferred_after_completion"))
    _check_required(values, errors)
    _check_consistency(values, errors)
    if errors.by_field:
        raise ValidationError(errors.by_field)
    return Document(**values)


def _working_days(raw: Any, errors: _Errors) -> int | None:
    value = _number(raw, "working_days", errors)
    if value is None:
        return None
    if value != value.to_integral_value():
        errors.add("working_days", _("Enter a whole number of days."))
        return None
    return int(value)


def _check_required(values: dict[str, Any], errors: _Errors) -> None:
    needed = ["start_date", "end_date", "hourly_rate"]
    if values["kind"] == DocumentKind.PAY_SLIP:
        needed += ["hours_worked", "gross_pay"]
    for name in needed:
        if values[name] is None and name not in errors.by_field:
            errors.add(name, REQUIRED)
    per_day = [k for k in PER_WORKING_DAY if values["deductions"].get(k)]
    is_slip = values["kind"] == DocumentKind.PAY_SLIP
    if (
        is_slip
        and per_day
        and values["working_days"] is None
        and "working_days" not in errors.by_field
    ):
        errors.add("working_days", WORKING_DAYS_NEEDED)


def _check_consistency(values: dict[str, Any], errors: _Errors) -> None:
    start, end = values["start_date"], values["end_date"]
    if start is None or end is None:
        return
    days = (end - start).days + 1
    if days < 1:
        errors.add("end_date", _("The end date must be on or after the start date."))
        return
    is_slip = values["kind"] == DocumentKind.PAY_SLIP
    if is_slip and days > MAX_PAY_PERIOD_DAYS:
        errors.add("end_date", _("A pay period is at most two months. Check the dates."))
    if not is_slip and days > MAX_EMPLOYMENT_DAYS:
        errors.add("end_date", _("Employment of more than three years cannot be checked here."))
    if values["working_days"] is not None and values["working_days"] > days:
        errors.add(
            "working_days", _("There are only %(days)s days in this period.") % {"days": days}
        )
    hours = values["hours_worked"]
    if is_slip and hours is not None and hours > 24 * days:
        errors.add("hours_worked", _("That is more hours than the period has."))
    to_date = values["housing_to_date"]
    if to_date is not None and to_date < values["deductions"].get(DeductionType.HOUSING, 0):
        errors.add("housing_to_date", _("The season total cannot be less than this pay slip's."))
    weekly = values["guaranteed_weekly_hours"]
    if weekly is not None and weekly > 168:
        errors.add("guaranteed_weekly_hours", _("A week has 168 hours."))
