"""Which questions a document raises, and whether the rules know the answer for its days.

A rule family is one question (a province's minimum wage, recruitment fees, the BC housing
cap...). Each rule names its family; together its rules know the days from their first version
to their `known_until`. When a document raises a question for days that no rule of the family
knows, before the first version or past the last known day, the checker says so as its own
verdict ("not covered: ask a caseworker") instead of staying silent, which would read as
"clear".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from juntos.compliance.choices import SAWP_PROGRAMS, DeductionType, RecruiterLicensed, Severity
from juntos.compliance.documents import Document
from juntos.compliance.engine import Figure, Finding, VersionData, coverage_check
from juntos.compliance.evaluators.common import date_figure, day, relevant_day
from juntos.core.jurisdictions import Province

Days = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Family:
    """A question the checker answers, and the days of a document it is asked for."""

    code: str
    label: Promise
    days: Callable[[Document], Days | None]


def _period(document: Document) -> Days:
    return (document.start_date, document.end_date)


def _one_day(document: Document) -> Days:
    when = relevant_day(document)
    return (when, when)


def _is_sawp(document: Document) -> bool:
    return document.program in SAWP_PROGRAMS


def _minimum_wage(document: Document) -> Days | None:
    return _period(document) if document.effective_hourly_rate is not None else None


def _sawp_wage_floor(document: Document) -> Days | None:
    return _period(document) if _is_sawp(document) else None


def _recruitment_fees(document: Document) -> Days | None:
    fees = document.recruiter_fees + document.deduction(DeductionType.RECRUITMENT_FEE)
    return _one_day(document) if fees else None


def _recruiter_licence(document: Document) -> Days | None:
    unsure = document.recruiter_licensed != RecruiterLicensed.YES
    return _one_day(document) if document.recruiter_used and unsure else None


def _sawp_terms(document: Document) -> Days | None:
    if not _is_sawp(document) or document.is_pay_slip:
        return None
    return (document.start_date, document.start_date)


def _agreement(document: Document) -> Days | None:
    if document.is_pay_slip or document.signed_on is None:
        return None
    return (document.start_date, document.start_date)


def _deduction(*kinds: str) -> Callable[[Document], Days | None]:
    def days(document: Document) -> Days | None:
        return _one_day(document) if any(document.deduction(k) for k in kinds) else None

    return days


UNLISTED = (DeductionType.WORK_PERMIT_FEE, DeductionType.OTHER)


FAMILIES: tuple[Family, ...] = (
    Family("minimum-wage", gettext_lazy("the minimum wage"), _minimum_wage),
    Family("sawp-wage-floor", gettext_lazy("the SAWP wage floor"), _sawp_wage_floor),
    Family("recruitment-fees", gettext_lazy("recruitment fees"), _recruitment_fees),
    Family("recruiter-licence", gettext_lazy("recruiter licences"), _recruiter_licence),
    Family("sawp-season", gettext_lazy("the SAWP season dates"), _sawp_terms),
    Family("sawp-max-duration", gettext_lazy("how long a SAWP job may last"), _sawp_terms),
    Family("sawp-hours-guarantee", gettext_lazy("the SAWP hours guarantee"), _sawp_terms),
    Family("employment-agreement", gettext_lazy("the employment agreement"), _agreement),
    *(
        Family(f"deduction-{kind.value}", kind.label, _deduction(kind.value))
        for kind in DeductionType
        if kind not in (DeductionType.STATUTORY, DeductionType.RECRUITMENT_FEE, *UNLISTED)
    ),
    Family("deduction-unlisted", gettext_lazy("other deductions"), _deduction(*UNLISTED)),
)


def known_span(versions: Iterable[VersionData]) -> Days | None:
    """The days one rule is known for: its first version's start to its last known day."""
    versions = list(versions)
    if not versions:
        return None
    first = min(v.effective_from for v in versions)
    ends = [v.known_until or v.effective_to or dt.date.max for v in versions]
    return (first, min(max(ends), dt.date.max))


def family_spans(family: str, applicable: Sequence[VersionData]) -> list[Days]:
    """The known spans of every applicable rule of a family, one per rule."""
    by_rule: dict[str, list[VersionData]] = {}
    for version in applicable:
        if version.family == family:
            by_rule.setdefault(version.rule_id, []).append(version)
    spans = [known_span(versions) for versions in by_rule.values()]
    return sorted(span for span in spans if span is not None)


def uncovered(wanted: Days, spans: Sequence[Days]) -> list[Days]:
    """The parts of `wanted` that no span covers, in order."""
    gaps: list[Days] = []
    cursor, last = wanted
    for first, until in sorted(spans):
        if until < cursor:
            continue
        if first > last:
            break
        if first > cursor:
            gaps.append((cursor, first - dt.timedelta(days=1)))
        if until >= last:
            return gaps
        cursor = until + dt.timedelta(days=1)
    gaps.append((cursor, last))
    return gaps


@coverage_check
def coverage_findings(document: Document, applicable: Sequence[VersionData]) -> list[Finding]:
    """A "not covered" finding for each question the document raises that no rule answers
    for some of its days (in the current language)."""
    findings = []
    for family in FAMILIES:
        wanted = family.days(document)
        if wanted is None:
            continue
        spans = family_spans(family.code, applicable)
        for gap in uncovered(wanted, spans):
            findings.append(_not_covered(document, family, gap, spans))
    return findings


def _not_covered(document: Document, family: Family, gap: Days, spans: Sequence[Days]) -> Finding:
    place = str(Province(document.province).label)
    first, last = gap
    values = {"family": family.label, "place": place, "first": day(first), "last": day(last)}
    if first == last:
        summary = _("We have no rule on %(family)s in %(place)s for %(first)s.") % values
    else:
        summary = (
            _("We have no rule on %(family)s in %(place)s from %(first)s to %(last)s.") % values
        )
    summary += " " + _("That does not mean there is no problem: ask a caseworker to check.")
    figures: list[Figure] = [date_figure(_("First day not covered"), first)]
    if last != first:
        figures.append(date_figure(_("Last day not covered"), last))
    if spans:
        known_from = min(s[0] for s in spans)
        known_to = max(s[1] for s in spans)
        figures.append(date_figure(_("Rules known from"), known_from))
        if known_to != dt.date.max:
            figures.append(date_figure(_("Rules known until"), known_to))
        explanation = _(
            "Juntos only knows this rule for the dates shown. Rules change, and we will not "
            "guess: a caseworker can find the rule that applied."
        )
    else:
        explanation = _(
            "Juntos has no rule on this for %(place)s yet. A caseworker can find the rule "
            "that applies."
        ) % {"place": place}
    return Finding(
        rule_id=f"NOT-COVERED-{family.code}",
        severity=Severity.NOT_COVERED,
        summary=summary,
        figures=tuple(figures),
        title=_("Not covered: %(family)s") % {"family": family.label},
        explanation=explanation,
        source_url="",
        source_title="",
        source_date="",
        effective_from="",
        certainty="",
        report_category="other",
        source_kind="",
    )
