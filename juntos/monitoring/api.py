"""Public JSON and CSV of the published tables: fixed periods, suppressed, rounded."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Query, Router, Schema, Status

from juntos.monitoring.disclosure import DisclosureError
from juntos.monitoring.selectors import PUBLIC_KINDS, PublishedTable, published_table

router = Router(tags=["monitoring"])
LANGUAGES = {code for code, _name in settings.LANGUAGES}

# HXL hashtags for each dimension, so that humanitarian tools read the CSV without mapping.
HXL_TAGS = {
    "period": "#date+period",
    "province": "#adm1+code",
    "program": "#sector+program",
    "sector": "#sector+code",
    "gender": "#group+gender",
    "country_of_origin": "#country+origin+code",
    "language": "#meta+language",
    "category": "#indicator+category",
    "outcome": "#indicator+outcome",
}


class TableQuery(Schema):
    period: str
    by: list[str] = []
    language: str = ""


class FigureOut(Schema):
    dimensions: dict[str, str]
    count: int | None
    suppressed: bool


class TableOut(Schema):
    kind: str
    title: str
    period: str
    dimensions: list[str]
    threshold: int
    rounding_base: int
    figures: list[FigureOut]


class ErrorOut(Schema):
    detail: dict[str, list[str]]


class KindOut(Schema):
    kind: str
    title: str


def _language(request: HttpRequest, requested: str) -> str:
    if requested in LANGUAGES:
        return requested
    return translation.get_language_from_request(request)


def _table(kind: str, query: TableQuery) -> PublishedTable:
    return published_table(kind, period=query.period, group_by=tuple(query.by))


def _as_json(table: PublishedTable) -> dict[str, object]:
    return {
        "kind": table.kind,
        "title": str(table.title),
        "period": table.period.label,
        "dimensions": list(table.dimensions),
        "threshold": table.threshold,
        "rounding_base": table.rounding_base,
        "figures": [
            {
                "dimensions": {k: str(v) for k, v in figure.dimensions.items()},
                "count": figure.count,
                "suppressed": figure.suppressed,
            }
            for figure in table.figures
        ],
    }


@router.get("/kinds", response=list[KindOut], summary="The indicators that are published")
def kinds(request: HttpRequest, language: str = "") -> list[dict[str, str]]:
    with translation.override(_language(request, language)):
        return [{"kind": kind, "title": str(title)} for kind, title in PUBLIC_KINDS.items()]


@router.get(
    "/tables/{kind}",
    response={200: TableOut, 400: ErrorOut},
    summary="One published table (a calendar month, quarter or year; at most two dimensions)",
)
def table(request: HttpRequest, kind: str, query: Query[TableQuery]) -> object:
    with translation.override(_language(request, query.language)):
        try:
            return _as_json(_table(kind, query))
        except DisclosureError as error:
            return Status(400, {"detail": {error.field: [str(error)]}})


@router.get(
    "/tables/{kind}/csv",
    response={400: ErrorOut},
    summary="The same table as CSV (RFC 4180, UTF-8) with an HXL hashtag row",
)
def table_csv(request: HttpRequest, kind: str, query: Query[TableQuery]) -> object:
    with translation.override(_language(request, query.language)):
        try:
            published = _table(kind, query)
        except DisclosureError as error:
            return Status(400, {"detail": {error.field: [str(error)]}})
    body = io.StringIO(newline="")
    writer = csv.writer(body, lineterminator="\r\n")
    columns = ["period", *published.dimensions]
    writer.writerow([*columns, "count", "suppressed"])
    writer.writerow([*(HXL_TAGS[c] for c in columns), "#indicator+num", "#meta+suppressed"])
    for figure in published.figures:
        values = [published.period.label]
        values += [str(figure.dimensions.get(name, "total")) for name in published.dimensions]
        # A hidden figure is exported empty with a flag, never as 0.
        count = "" if figure.count is None else str(figure.count)
        writer.writerow([*values, count, "1" if figure.suppressed else "0"])
    response = HttpResponse(body.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"juntos-{published.kind}-{published.period.label}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
