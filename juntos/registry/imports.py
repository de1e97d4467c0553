"""Reading official lists from CSV: every row is checked before anything is written.

The column names follow the public lists as we understand them; README.md marks which ones
are assumed. Headers are matched without regard to case, spaces or accents.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from juntos.core.jurisdictions import Province
from juntos.registry.choices import ImportKind, LicenceStatus
from juntos.registry.search import normalise

NONCOMPLIANT_COLUMNS = {
    "operating_name": "Business operating name",
    "legal_name": "Business legal name",
    "address": "Address",
    "reasons": "Reason(s)",
    "decision_date": "Date of final decision",
    "penalty": "Penalty",
    "status": "Status",
}
RECRUITER_COLUMNS_DEFAULT = {
    "name": "Name",
    "business_name": "Business name",
    "number": "Licence number",
    "status": "Status",
    "expires_on": "Expiry date",
    "conditions": "Conditions",
}
RECRUITER_COLUMNS = {
    "BC": {
        "name": "Licensee name",
        "business_name": "Business name",
        "number": "Licence number",
        "status": "Licence status",
        "expires_on": "Expiry date",
        "conditions": "Terms and conditions",
    },
    "MB": {
        "name": "Licensee",
        "business_name": "Company",
        "number": "Licence #",
        "status": "Status",
        "expires_on": "Expiry date",
        "conditions": "Conditions",
    },
}
OPTIONAL = {"address", "status", "expires_on", "conditions", "business_name", "operating_name"}
LICENCE_STATUS_WORDS = {
    "active": LicenceStatus.ACTIVE,
    "valid": LicenceStatus.ACTIVE,
    "licensed": LicenceStatus.ACTIVE,
    "licenced": LicenceStatus.ACTIVE,
    "issued": LicenceStatus.ACTIVE,
    "current": LicenceStatus.ACTIVE,
    "suspended": LicenceStatus.SUSPENDED,
    "cancelled": LicenceStatus.CANCELLED,
    "canceled": LicenceStatus.CANCELLED,
    "revoked": LicenceStatus.CANCELLED,
    "expired": LicenceStatus.EXPIRED,
    "refused": LicenceStatus.REFUSED,
    "denied": LicenceStatus.REFUSED,
}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y")
PROVINCE_IN_ADDRESS = re.compile(r"\b(" + "|".join(p.value for p in Province) + r")\b")


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class Parsed:
    rows: list[dict[str, object]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def columns_for(kind: str, province: str) -> dict[str, str]:
    """The expected columns of one official list."""
    if kind == ImportKind.NONCOMPLIANT:
        return NONCOMPLIANT_COLUMNS
    return RECRUITER_COLUMNS.get(province, RECRUITER_COLUMNS_DEFAULT)


def parse_date(value: str) -> dt.date | None:
    """A date in one of the formats the official lists use, or None."""
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def province_in(address: str) -> str:
    """The last province code written in an address ("Kelowna, BC V1Y 1A1" gives BC)."""
    found = PROVINCE_IN_ADDRESS.findall(address.upper())
    return found[-1] if found else ""


def record_key(row: dict[str, object]) -> str:
    """A stable key for one non-compliance entry, so importing a list twice adds nothing."""
    parts = [normalise(str(row[name])) for name in ("legal_name", "operating_name", "penalty")]
    parts.append(str(row["decision_date"]))
    parts.append(normalise(str(row["reasons"])))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _header_map(header: list[str], wanted: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    present = {normalise(name): name for name in header}
    mapping, missing = {}, []
    for key, column in wanted.items():
        if normalise(column) in present:
            mapping[key] = present[normalise(column)]
        elif key not in OPTIONAL:
            missing.append(column)
    return mapping, missing


def _noncompliant_row(values: dict[str, str], today: dt.date) -> tuple[dict[str, object], list]:
    errors = []
    if not values.get("legal_name") and not values.get("operating_name"):
        errors.append(_("the business has neither a legal nor an operating name"))
    decided = parse_date(values.get("decision_date", ""))
    if decided is None:
        errors.append(
            _("“%(value)s” is not a date (use YYYY-MM-DD)")
            % {"value": values.get("decision_date", "")}
        )
    elif decided > today:
        errors.append(_("the date of final decision is in the future"))
    for key, label in (("reasons", _("reasons")), ("penalty", _("penalty"))):
        if not values.get(key):
            errors.append(_("%(column)s is empty") % {"column": label})
    row: dict[str, object] = {**values, "decision_date": decided}
    row["legal_name"] = values.get("legal_name") or values.get("operating_name", "")
    row["operating_name"] = values.get("operating_name", "")
    row["province"] = province_in(values.get("address", ""))
    return row, errors


def _recruiter_row(values: dict[str, str], today: dt.date) -> tuple[dict[str, object], list]:
    errors = []
    if not values.get("name") and not values.get("business_name"):
        errors.append(_("the recruiter has no name"))
    if not values.get("number"):
        errors.append(_("the licence number is empty"))
    status = LICENCE_STATUS_WORDS.get(normalise(values.get("status", "") or "active"))
    if status is None:
        errors.append(_("unknown licence status “%(value)s”") % {"value": values["status"]})
    expiry_text = values.get("expires_on", "")
    expires_on = parse_date(expiry_text) if expiry_text else None
    if expiry_text and expires_on is None:
        errors.append(_("“%(value)s” is not a date (use YYYY-MM-DD)") % {"value": expiry_text})
    row: dict[str, object] = {**values, "status": status, "expires_on": expires_on}
    row["name"] = values.get("name") or values.get("business_name", "")
    return row, errors


def parse_official_list(text: str, *, kind: str, province: str, today: dt.date) -> Parsed:
    """Check every row of a CSV; rows come back only if all of them are valid."""
    parsed = Parsed()
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        parsed.problems.append(Problem(1, _("the file is empty")))
        return parsed
    mapping, missing = _header_map(header, columns_for(kind, province))
    if missing:
        message = _("missing columns: %(columns)s") % {"columns": ", ".join(missing)}
        parsed.problems.append(Problem(1, message))
        return parsed
    _check_rows(reader, header, mapping, kind, today, parsed)
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(Problem(2, _("the file has no rows")))
    if parsed.problems:
        parsed.rows = []
    return parsed


def _check_rows(
    reader: Any,
    header: list[str],
    mapping: dict[str, str],
    kind: str,
    today: dt.date,
    parsed: Parsed,
) -> None:
    check = _noncompliant_row if kind == ImportKind.NONCOMPLIANT else _recruiter_row
    seen: dict[str, int] = {}
    position = {name: index for index, name in enumerate(header)}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            message = _("expected %(expected)s columns, found %(found)s") % {
                "expected": len(header),
                "found": len(cells),
            }
            parsed.problems.append(Problem(line, message))
            continue
        values = {key: cells[position[column]].strip() for key, column in mapping.items()}
        row, errors = check(values, today)
        identity = record_key(row) if kind == ImportKind.NONCOMPLIANT else str(row["number"])
        if not errors and identity in seen:
            errors.append(_("repeats line %(line)s") % {"line": seen[identity]})
        seen.setdefault(identity, line)
        parsed.problems.extend(Problem(line, error) for error in errors)
        parsed.rows.append(row)
