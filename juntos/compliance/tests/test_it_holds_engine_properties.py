"""Properties of the engine over many generated documents (hypothesis)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from juntos.compliance.choices import DeductionType, DocumentKind
from juntos.compliance.documents import Document
from juntos.compliance.engine import evaluate, in_force_on, spans_in_force
from juntos.compliance.tests.rules_file import file_versions
from juntos.core.jurisdictions import PROVINCES_ONLY, Program

WAGE_RULE_KINDS = {"minimum-wage", "wage-floor"}
money = st.decimals(min_value=Decimal("0"), max_value=Decimal("60"), places=2)
maybe_money = st.none() | money


@st.composite
def documents(draw: st.DrawFn) -> Document:
    kind = draw(st.sampled_from(list(DocumentKind.values)))
    start = draw(st.dates(min_value=dt.date(2012, 1, 1), max_value=dt.date(2027, 6, 30)))
    length = draw(st.integers(min_value=0, max_value=30 if kind == "payslip" else 400))
    end = start + dt.timedelta(days=length)
    deductions = draw(
        st.dictionaries(st.sampled_from(list(DeductionType.values)), money.filter(bool), max_size=5)
    )
    hours = draw(
        st.none() | st.decimals(min_value=Decimal("1"), max_value=Decimal("200"), places=1)
    )
    return Document(
        kind=kind,
        province=draw(st.sampled_from([p.value for p in PROVINCES_ONLY])),
        program=draw(st.sampled_from(list(Program.values))),
        start_date=start,
        end_date=end,
        hourly_rate=draw(money),
        program_rate=draw(maybe_money),
        same_work_rate=draw(maybe_money),
        hours_worked=hours,
        working_days=draw(st.none() | st.integers(min_value=0, max_value=length + 1)),
        gross_pay=draw(maybe_money),
        guaranteed_weekly_hours=draw(maybe_money),
        deductions=deductions,
        recruiter_used=draw(st.booleans()),
        recruiter_licensed=draw(st.sampled_from(["yes", "no", "unknown"])),
        recruiter_fees=draw(money),
        signed_on=draw(st.none() | st.just(start + dt.timedelta(days=draw(st.integers(-30, 30))))),
        transferred_after_completion=draw(st.booleans()),
    )


def _kinds_by_rule() -> dict[str, str]:
    return {v.rule_id: v.kind for v in file_versions()}


def _keys(document: Document, *, wage_only: bool = False) -> set[tuple[str, str, str]]:
    kinds = _kinds_by_rule()
    return {
        (f.rule_id, f.effective_from, f.severity)
        for f in evaluate(document, file_versions(), language="en")
        if not wage_only or kinds.get(f.rule_id) in WAGE_RULE_KINDS
    }


@settings(max_examples=150, deadline=None)
@given(documents(), st.decimals(min_value=Decimal("0.01"), max_value=Decimal("20"), places=2))
def test_raising_the_wage_never_adds_a_wage_finding(document, raise_by):
    assert document.hourly_rate is not None
    raised = replace(
        document,
        hourly_rate=document.hourly_rate + raise_by,
        gross_pay=None
        if document.gross_pay is None
        else document.gross_pay + raise_by * (document.hours_worked or 0),
    )
    assert _keys(raised, wage_only=True) <= _keys(document, wage_only=True)


@settings(max_examples=150, deadline=None)
@given(documents(), st.data())
def test_removing_a_deduction_never_adds_a_finding(document, data):
    if not document.deductions:
        return
    removed = data.draw(st.sampled_from(sorted(document.deductions)))
    fewer = replace(
        document, deductions={k: v for k, v in document.deductions.items() if k != removed}
    )
    assert _keys(fewer) <= _keys(document)


@settings(max_examples=150, deadline=None)
@given(documents())
def test_an_uncertain_rule_never_yields_a_violation(document):
    uncertain = tuple(replace(v, certainty="uncertain") for v in file_versions())
    found = evaluate(document, uncertain, language="en")
    assert all(f.severity != "violation" for f in found)
    for finding in evaluate(document, file_versions(), language="es"):
        if finding.certainty == "uncertain":
            assert finding.severity != "violation"


def _spans_day_by_day(versions, start, end):
    """The definition of the spans: each day's versions in force, consecutive days joined."""
    spans: list[list] = []
    day = start
    while day <= end:
        for version in in_force_on(versions, day):
            same_rule = [s for s in spans if s[0].rule_id == version.rule_id]
            latest = same_rule[-1] if same_rule else None
            if latest and latest[0] is version and latest[2] == day - dt.timedelta(days=1):
                latest[2] = day
            else:
                spans.append([version, day, day])
        day += dt.timedelta(days=1)
    return [tuple(s) for s in spans]


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=dt.date(2012, 1, 1), max_value=dt.date(2027, 6, 30)),
    st.integers(min_value=-2, max_value=400),
    st.sampled_from([p.value for p in PROVINCES_ONLY]),
    st.booleans(),
)
def test_spans_in_force_are_the_days_each_version_is_in_force(start, length, province, ended):
    versions = [v for v in file_versions() if v.jurisdiction in ("CA", province)]
    if ended:  # versions that end, and rules known until a day, inside the period
        versions = [
            replace(v, effective_to=start + dt.timedelta(days=n % 40), known_until=None)
            if n % 3 == 0
            else replace(v, known_until=start + dt.timedelta(days=n % 50))
            if n % 3 == 1
            else v
            for n, v in enumerate(versions)
        ]
    end = start + dt.timedelta(days=length)
    assert spans_in_force(versions, start, end) == _spans_day_by_day(versions, start, end)
