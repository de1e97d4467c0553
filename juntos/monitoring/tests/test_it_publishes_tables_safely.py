"""Published tables: no hidden count can be solved, repeated answers agree, bad requests get 400.

The solving check is independent of the suppression code: it writes every published figure as
a linear equation over the grid's cells and asks, with exact fractions, whether a hidden cell is
determined by them (its unit vector in the row space of the equations).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juntos.monitoring.disclosure import TOTAL, Grid, Key, period_parse, rounded, suppress
from juntos.monitoring.selectors import published_table
from juntos.monitoring.services import fact_record


def _rank(rows: list[list[Fraction]]) -> int:
    matrix = [row[:] for row in rows]
    rank, width = 0, len(matrix[0]) if matrix else 0
    for column in range(width):
        pivot = next((i for i in range(rank, len(matrix)) if matrix[i][column] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for i in range(len(matrix)):
            if i != rank and matrix[i][column] != 0:
                factor = matrix[i][column] / matrix[rank][column]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[rank], strict=True)]
        rank += 1
    return rank


def solvable_hidden_cells(grid: Grid, hidden: set) -> list:
    """Hidden figures that the published figures determine exactly (should be none)."""
    cells = [(r, c) for r in grid.rows for c in grid.columns]

    def equation(key):  # the published figure as a sum of cells
        row, column = key
        return [
            Fraction(1) if (row in (TOTAL, cell[0]) and column in (TOTAL, cell[1])) else Fraction(0)
            for cell in cells
        ]

    known = [equation(key) for key in grid.published_keys() if key not in hidden]
    base = _rank(known) if known else 0
    solved = []
    for key in hidden:
        if known and _rank([*known, equation(key)]) == base:
            solved.append(key)
    return solved


counts = st.integers(min_value=0, max_value=40)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=1, max_value=4),
    st.data(),
)
def test_no_hidden_figure_can_be_solved_from_the_published_ones(rows, columns, data):
    values = data.draw(st.lists(counts, min_size=rows * columns, max_size=rows * columns))
    row_names, column_names = list(range(rows)), [f"c{i}" for i in range(columns)]
    cells: dict[Key, int] = {
        (r, c): values[i * columns + j]
        for i, r in enumerate(row_names)
        for j, c in enumerate(column_names)
    }
    grid = Grid.from_cells(cells, row_names, column_names)
    hidden = suppress(grid, threshold=5)
    small = {k for k in grid.published_keys() if 0 < grid.counts[k] < 5}
    assert small <= hidden
    assert solvable_hidden_cells(grid, hidden) == []
    assert all(grid.counts[k] > 0 for k in hidden), "a zero is never hidden"


def test_a_single_small_cell_in_a_line_takes_another_with_it():
    grid = Grid.from_cells(
        {("BC", ()): 3, ("ON", ()): 40, ("QC", ()): 12}, ["BC", "ON", "QC"], [()]
    )
    hidden = suppress(grid, threshold=5)
    assert hidden == {("BC", ()), ("QC", ())}


def test_secondary_suppression_hides_as_little_as_it_can():
    cells: dict[Key, int] = {("a", "x"): 3, ("a", "y"): 20, ("b", "x"): 30, ("b", "y"): 40}
    cells |= {("c", "x"): 50, ("c", "y"): 9}
    grid = Grid.from_cells(cells, ["a", "b", "c"], ["x", "y"])
    assert suppress(grid, threshold=5) == {("a", "x"), ("a", "y"), ("c", "x"), ("c", "y")}


def test_rounding_is_repeatable_unbiased_and_keeps_multiples():
    assert rounded(12, base=3, place="p") == 12
    assert {rounded(7, base=3, place="p") for _ in range(5)} == {rounded(7, base=3, place="p")}
    draws = [rounded(7, base=3, place=f"place-{i}") for i in range(3000)]
    assert set(draws) == {6, 9}
    assert 6.8 < sum(draws) / len(draws) < 7.2  # unbiased: the mean stays near the truth


@pytest.mark.parametrize(
    "text,label",
    [("2026", "2026"), ("2026-q2", "2026-Q2"), ("2026-07", "2026-07"), (" 2025-Q4 ", "2025-Q4")],
)
def test_periods_are_calendar_months_quarters_or_years(text, label):
    assert period_parse(text).label == label


def test_a_quarter_spans_its_three_months():
    assert period_parse("2026-Q4").months() == [
        dt.date(2026, 10, 1),
        dt.date(2026, 11, 1),
        dt.date(2026, 12, 1),
    ]


def _seed(month: dt.date, province: str, category: str, n: int) -> None:
    fact_record(kind="reports.received", month=month, province=province, category=category, count=n)


@pytest.fixture
def reports():
    for month in (dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)):
        _seed(month, "BC", "housing", 10)
        _seed(month, "ON", "housing", 8)
        _seed(month, "ON", "wages", 7)
    _seed(dt.date(2026, 2, 1), "BC", "wages", 3)  # the cell that must never be seen


@pytest.mark.django_db
def test_a_cell_of_three_reports_never_appears_nor_follows_from_two_downloads(reports, settings):
    settings.JUNTOS_ROUNDING_BASE = 1  # exact figures: the strictest case for solving
    month = published_table("reports.received", period="2026-02", group_by=("province",))
    by_both = published_table(
        "reports.received", period="2026-02", group_by=("province", "category")
    )
    for table in (month, by_both):
        assert 3 not in [f.count for f in table.figures]
    hidden = [f for f in by_both.figures if f.suppressed]
    assert {"province": "BC", "category": "wages"} in [f.dimensions for f in hidden]
    # The BC total (13) and the housing cell (10) would give the 3 away: the BC line is hidden
    # together, or the housing cell is.
    shown = {tuple(sorted(f.dimensions.items())): f.count for f in by_both.figures}
    bc_total = shown.get((("province", "BC"),))
    bc_housing = shown.get((("category", "housing"), ("province", "BC")))
    assert bc_total is None or bc_housing is None


@pytest.mark.django_db
def test_asking_again_gives_the_same_rounded_answer(reports):
    first = published_table("reports.received", period="2026-Q1", group_by=("province",))
    again = published_table("reports.received", period="2026-Q1", group_by=("province",))
    assert first.figures == again.figures
    assert all(f.count is None or f.count % 3 == 0 for f in first.figures)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,field",
    [
        ("period=2026-01-01..2026-02-15", "period"),
        ("period=1999", "period"),
        ("period=2026-13", "period"),
        ("period=2026&by=province&by=program&by=category", "by"),
        ("period=2026&by=organisation_id", "by"),
        ("period=2026&by=province&by=province", "by"),
    ],
)
def test_bad_requests_get_a_400_naming_the_field_in_the_request_language(client, query, field):
    response = client.get(
        f"/api/monitoring/tables/reports.received?{query}", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response.status_code == 400
    [message] = response.json()["detail"][field]
    assert any(word in message.lower() for word in ("periodo", "dimensi", "mes"))


@pytest.mark.django_db
def test_an_unknown_indicator_gets_a_400_in_french(client):
    response = client.get("/api/monitoring/tables/people.names?period=2026&language=fr")
    assert response.status_code == 400
    assert "Indicateur inconnu" in response.json()["detail"]["kind"][0]


@pytest.mark.django_db
def test_the_csv_has_an_hxl_row_and_exports_hidden_cells_empty(client, reports, settings):
    settings.JUNTOS_ROUNDING_BASE = 1
    response = client.get(
        "/api/monitoring/tables/reports.received/csv?period=2026-02&by=province&by=category"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == ["period", "province", "category", "count", "suppressed"]
    assert rows[1] == [
        "#date+period",
        "#adm1+code",
        "#indicator+category",
        "#indicator+num",
        "#meta+suppressed",
    ]
    bc_wages = next(r for r in rows[2:] if r[1] == "BC" and r[2] == "wages")
    assert bc_wages[3:] == ["", "true"]
    assert "3" not in [r[3] for r in rows[2:]]
    assert response.content.count(b"\r\n") == len(rows)


@pytest.mark.django_db
def test_a_table_with_no_dimension_is_the_period_total(settings):
    settings.JUNTOS_ROUNDING_BASE = 1
    fact_record(kind="reports.received", month=dt.date(2026, 5, 1), province="BC", count=7)
    fact_record(kind="reports.received", month=dt.date(2026, 6, 1), province="ON", count=9)
    [total] = published_table("reports.received", period="2026-Q2").figures
    assert total.count == 16
