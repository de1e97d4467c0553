"""The rules engine: pure functions from a document and rule versions to findings.

Nothing here touches the database. `selectors.rule_versions_for` loads the versions as plain
`VersionData`; each rule kind has one evaluator (registered with `@evaluator`) that picks the
versions in force on the dates that matter to it and returns findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.utils import translation

from juntos.compliance.choices import Audience, Certainty, Severity, SourceKind
from juntos.compliance.documents import Document


@dataclass(frozen=True)
class Wording:
    title: str
    worker_text: str
    employer_text: str


@dataclass(frozen=True)
class VersionData:
    """One rule version with everything needed to apply and explain it."""

    rule_id: str
    kind: str
    jurisdiction: str
    programs: tuple[str, ...]
    effective_from: dt.date
    effective_to: dt.date | None
    params: Mapping[str, Any]
    certainty: str
    source_url: str
    source_title: str
    source_date: dt.date | None
    wordings: Mapping[str, Wording] = field(default_factory=dict)
    source_kind: str = SourceKind.SECONDARY
    family: str = ""
    # The rule's last known day: past it no version of the rule is applied.
    known_until: dt.date | None = None
    not_in: tuple[str, ...] = ()
    # The source's title per language (the rules file's catalogue); else `source_title`.
    source_titles: Mapping[str, str] = field(default_factory=dict)

    def in_force_on(self, day: dt.date) -> bool:
        return (
            self.effective_from <= day
            and (self.effective_to is None or day <= self.effective_to)
            and (self.known_until is None or day <= self.known_until)
        )

    def wording(self, language: str) -> Wording:
        return (
            self.wordings.get(language) or self.wordings.get("en") or Wording(self.rule_id, "", "")
        )

    def number(self, name: str) -> Decimal:
        return Decimal(str(self.params[name]))


@dataclass(frozen=True)
class Figure:
    """One figure compared: a label in the person's language and a value with its unit."""

    label: str
    value: str
    unit: str  # money | hours | date | days | percent | text


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str
    summary: str
    figures: tuple[Figure, ...]
    title: str
    explanation: str
    source_url: str
    source_title: str
    source_date: str
    effective_from: str
    certainty: str
    report_category: str
    source_kind: str = SourceKind.SECONDARY

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        figures = tuple(Figure(**f) for f in data.get("figures", ()))
        return cls(**{**data, "figures": figures})


@dataclass(frozen=True)
class Context:
    """What an evaluator knows besides the document: the language, the audience, and every
    rule version that applies to the document (some rules qualify others, e.g. exemptions)."""

    language: str
    audience: str = Audience.WORKER
    applicable: tuple[VersionData, ...] = ()

    def of_kind(self, kind: str) -> list[VersionData]:
        return [v for v in self.applicable if v.kind == kind]

    def finding(
        self,
        version: VersionData,
        *,
        summary: str,
        figures: Iterable[Figure],
        report_category: str,
        severity: str = Severity.VIOLATION,
    ) -> Finding:
        wording = version.wording(self.language)
        text = wording.employer_text if self.audience == Audience.EMPLOYER else wording.worker_text
        return Finding(
            rule_id=version.rule_id,
            severity=severity,
            summary=summary,
            figures=tuple(figures),
            title=wording.title,
            explanation=text,
            source_url=version.source_url,
            source_title=version.source_titles.get(self.language) or version.source_title,
            source_date=version.source_date.isoformat() if version.source_date else "",
            effective_from=version.effective_from.isoformat(),
            certainty=version.certainty,
            report_category=report_category,
            source_kind=version.source_kind,
        )


Evaluator = Callable[[Document, Sequence[VersionData], Context], list[Finding]]
EVALUATORS: dict[str, Evaluator] = {}
# Parameter types per rule kind, so a coordinator's new version is checked before it is saved.
# Types: money, number, month-day, deduction, deductions, provinces, words (a list of
# strings); a trailing "?" = optional.
PARAM_SPECS: dict[str, dict[str, str]] = {}


def evaluator(kind: str, *, params: Mapping[str, str]) -> Callable[[Evaluator], Evaluator]:
    """Register the function that applies rules of one kind, and the parameters it reads."""

    def register(function: Evaluator) -> Evaluator:
        EVALUATORS[kind] = function
        PARAM_SPECS[kind] = dict(params)
        return function

    return register


CoverageCheck = Callable[[Document, Sequence[VersionData]], list[Finding]]
COVERAGE_CHECKS: list[CoverageCheck] = []


def coverage_check(function: CoverageCheck) -> CoverageCheck:
    """Register a check for the questions no rule answers (`coverage.py` registers itself)."""
    if function not in COVERAGE_CHECKS:
        COVERAGE_CHECKS.append(function)
    return function


def applies_to(version: VersionData, document: Document) -> bool:
    """A rule applies to a document of its province (or a federal rule that speaks for that
    province) and program."""
    place = version.jurisdiction == document.province or (
        version.jurisdiction == "CA" and document.province not in version.not_in
    )
    return place and (not version.programs or document.program in version.programs)


def in_force_on(versions: Iterable[VersionData], day: dt.date) -> list[VersionData]:
    """For each rule, the version in force on the day (the latest that started by then)."""
    latest: dict[str, VersionData] = {}
    for version in versions:
        if version.effective_from > day:
            continue
        current = latest.get(version.rule_id)
        if current is None or version.effective_from > current.effective_from:
            latest[version.rule_id] = version
    return [v for v in latest.values() if v.in_force_on(day)]


ONE_DAY = dt.timedelta(days=1)


def spans_in_force(
    versions: Sequence[VersionData], start: dt.date, end: dt.date
) -> list[tuple[VersionData, dt.date, dt.date]]:
    """Split start..end by the versions in force, per rule: (version, first day, last day).

    What is in force changes only on the days a version starts or the day after one ends
    (its `effective_to` or its rule's `known_until`): the days between are read at once.
    """
    spans: list[tuple[VersionData, dt.date, dt.date]] = []
    changes = _change_days(versions, start, end)
    for index, first in enumerate(changes):
        last = changes[index + 1] - ONE_DAY if index + 1 < len(changes) else end
        for version in in_force_on(versions, first):
            if spans and _extends(spans, version, first, last):
                continue
            spans.append((version, first, last))
    return spans


def _change_days(versions: Sequence[VersionData], start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day, then each later day of start..end on which what is in force may change."""
    if start > end:
        return []
    days = {start}
    for version in versions:
        if start < version.effective_from <= end:
            days.add(version.effective_from)
        for until in (version.effective_to, version.known_until):
            if until is not None and start <= until < end:
                days.add(until + ONE_DAY)
    return sorted(days)


def _extends(
    spans: list[tuple[VersionData, dt.date, dt.date]],
    version: VersionData,
    first: dt.date,
    last: dt.date,
) -> bool:
    """Whether the rule's latest span is of this version and ends the day before `first`;
    then it now ends on `last`."""
    for index in range(len(spans) - 1, -1, -1):
        seen, since, until = spans[index]
        if seen.rule_id == version.rule_id:
            if seen is version and until == first - ONE_DAY:
                spans[index] = (seen, since, last)
                return True
            return False
    return False


def evaluate(
    document: Document,
    versions: Sequence[VersionData],
    *,
    language: str,
    audience: str = Audience.WORKER,
) -> list[Finding]:
    """Apply every applicable rule to the document; a rule that is not confirmed never yields a
    violation, and every question no rule answers for the document's days is said so."""
    applicable = [v for v in versions if applies_to(v, document)]
    context = Context(language=language, audience=audience, applicable=tuple(applicable))
    findings: list[Finding] = []
    by_kind: dict[str, list[VersionData]] = {}
    for version in applicable:
        by_kind.setdefault(version.kind, []).append(version)
    with translation.override(language):
        for kind, function in EVALUATORS.items():
            of_kind = by_kind.get(kind)
            if of_kind:
                findings.extend(function(document, of_kind, context))
        for check in COVERAGE_CHECKS:
            findings.extend(check(document, applicable))
    return sorted((_tempered(f) for f in findings), key=finding_order)


def _tempered(finding: Finding) -> Finding:
    if finding.certainty != Certainty.CONFIRMED and finding.severity == Severity.VIOLATION:
        return replace(finding, severity=Severity.ASK)
    return finding


SEVERITY_ORDER: dict[str, int] = {
    Severity.VIOLATION: 0,
    Severity.NOT_COVERED: 1,
    Severity.ASK: 2,
    Severity.INFO: 3,
}


def finding_order(finding: Finding) -> tuple[int, str, str]:
    """Most serious first, then by rule and version."""
    return (SEVERITY_ORDER.get(finding.severity, 4), finding.rule_id, finding.effective_from)
