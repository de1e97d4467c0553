"""Public JSON and CSV of the published tables: fixed periods, suppressed, rounded."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from ninja import Query, Router, Schema, Status

from juntos.monitoring.disclosure import FIRST_YEAR, LAST_YEAR, DisclosureError
from juntos.monitoring.iati import iati_document
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


class PublishedFigureOut(Schema):
    dimensions: dict[str, str]
    count: int | None
    suppressed: bool


class PublishedTableOut(Schema):
    kind: str
    title: str
    period: str
    dimensions: list[str]
    threshold: int
    rounding_base: int
    figures: list[PublishedFigureOut]


class PublishedTableErrorOut(Schema):
    # By field for a refused question; a plain sentence when the request itself is unreadable
    # (the site answers a NUL character that way before the API sees it).
    detail: dict[str, list[str]] | str


class PublishedKindOut(Schema):
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


@router.get("/kinds", response=list[PublishedKindOut], summary="The indicators that are published")
def kinds(request: HttpRequest, language: str = "") -> list[dict[str, str]]:
    with translation.override(_language(request, language)):
        return [{"kind": kind, "title": str(title)} for kind, title in PUBLIC_KINDS.items()]


@router.get(
    "/tables/{kind}",
    response={200: PublishedTableOut, 400: PublishedTableErrorOut},
    summary="One published table (a calendar month, quarter or year; at most two dimensions)",
)
def table(request: HttpRequest, kind: str, query: Query[TableQuery]) -> object:
    with translation.override(_language(request, query.language)):
        try:
            return _as_json(_table(kind, query))
        except DisclosureError as error:
            return Status(400, {"detail": {error.field: [str(error)]}})


def table_csv_text(published: PublishedTable) -> str:
    """The table as CSV (RFC 4180, UTF-8): a header row, an HXL hashtag row, then the figures."""
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
        writer.writerow([*values, count, "true" if figure.suppressed else "false"])
    return body.getvalue()


def _with_etag(
    request: HttpRequest, content: bytes, content_type: str, *, weak_of: bytes | None = None
) -> HttpResponse:
    """Answer 304 when the client holds these bytes already; figures change at most daily.

    `weak_of`: the bytes that matter when the content also carries a timestamp; the tag is then
    weak (the same figures, not the same bytes).
    """
    if weak_of is None:
        tag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    else:
        tag = 'W/"' + hashlib.sha256(weak_of).hexdigest()[:32] + '"'
    if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(content, content_type=content_type)
    response["ETag"] = tag
    response["Cache-Control"] = "public, max-age=3600"
    return response


@router.get(
    "/tables/{kind}/csv",
    response={400: PublishedTableErrorOut},
    summary="The same table as CSV (RFC 4180, UTF-8) with an HXL hashtag row",
)
def table_csv(request: HttpRequest, kind: str, query: Query[TableQuery]) -> object:
    with translation.override(_language(request, query.language)):
        try:
            published = _table(kind, query)
        except DisclosureError as error:
            return Status(400, {"detail": {error.field: [str(error)]}})
    response = _with_etag(request, table_csv_text(published).encode(), "text/csv; charset=utf-8")
    filename = f"juntos-{published.kind}-{published.period.label}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.get(
    "/datapackage.json",
    summary="A Frictionless data package listing every published table of a year by province",
)
def datapackage(request: HttpRequest, year: int | None = None) -> HttpResponse:
    chosen = year if year and FIRST_YEAR <= year <= LAST_YEAR else timezone.localdate().year
    base = request.build_absolute_uri("/api/monitoring/tables/")
    package = datapackage_descriptor(
        chosen, url_for=lambda kind: f"{base}{kind}/csv?period={chosen}&by=province"
    )
    content = json.dumps(package, ensure_ascii=False, indent=1).encode()
    return _with_etag(request, content, "application/json")


@router.get(
    "/iati.xml",
    summary="The network's results for a year as an IATI 2.03 activity file",
)
def iati(request: HttpRequest, year: int | None = None) -> HttpResponse:
    chosen = year if year and FIRST_YEAR <= year <= LAST_YEAR else timezone.localdate().year
    content, figures = iati_document(chosen, today=timezone.localdate(), now=timezone.now())
    response = _with_etag(request, content, "application/xml; charset=utf-8", weak_of=figures)
    response["Content-Disposition"] = f'inline; filename="juntos-iati-{chosen}.xml"'
    return response


def datapackage_descriptor(year: int, *, url_for: Callable[[str], str]) -> dict[str, object]:
    """The data package's descriptor; `url_for(kind)` gives each resource's path or URL."""
    fields = [
        {"name": "period", "type": "string", "description": "Calendar year, quarter or month"},
        {
            "name": "province",
            "type": "string",
            "description": "Province or territory code; 'total' for all",
        },
        {"name": "count", "type": "integer", "constraints": {"minimum": 0}},
        {"name": "suppressed", "type": "boolean"},
    ]
    return {
        "name": f"juntos-figures-{year}",
        "title": f"Juntos: published figures for {year}",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": [
            {
                "name": kind.replace(".", "-").replace("_", "-"),
                "title": str(title),
                "path": url_for(kind),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"headerRows": [1], "commentRows": [2]},  # row 2: HXL hashtags
                "schema": {"fields": fields, "missingValues": [""]},
            }
            for kind, title in PUBLIC_KINDS.items()
        ],
    }
