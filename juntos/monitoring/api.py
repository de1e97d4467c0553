"""Public JSON and CSV of the published tables: fixed periods, suppressed, rounded."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from ninja import Query, Router, Schema, Status

from juntos.monitoring import opendata
from juntos.monitoring.disclosure import FIRST_YEAR, LAST_YEAR, DisclosureError
from juntos.monitoring.iati import iati_document
from juntos.monitoring.selectors import PUBLIC_KINDS, PublishedTable, published_table

router = Router(tags=["monitoring"])
LANGUAGES = {code for code, _name in settings.LANGUAGES}


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


def _with_etag(request: HttpRequest, content: bytes, content_type: str, tag: str) -> HttpResponse:
    """Answer 304 when the client holds this version already; figures change at most daily."""
    if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(content, content_type=content_type)
    response["ETag"] = tag
    response["Cache-Control"] = "public, max-age=3600"
    return response


def _stored(request: HttpRequest, name: str) -> HttpResponse | None:
    """The nightly task's version of a file, when there is one."""
    stored = opendata.stored_file(name)
    if stored is None:
        return None
    return _with_etag(request, stored.content, stored.content_type, stored.etag)


@router.get(
    "/tables/{kind}/csv",
    response={400: PublishedTableErrorOut},
    summary="The same table as CSV (RFC 4180, UTF-8) with an HXL hashtag row",
)
def table_csv(request: HttpRequest, kind: str, query: Query[TableQuery]) -> object:
    filename = f"juntos-{kind}-{query.period}.csv"
    response = None
    if query.by == ["province"] and query.period.isdigit() and kind in PUBLIC_KINDS:
        response = _stored(request, opendata.table_file_name(kind, int(query.period)))
    if response is None:
        with translation.override(_language(request, query.language)):
            try:
                published = _table(kind, query)
            except DisclosureError as error:
                return Status(400, {"detail": {error.field: [str(error)]}})
        content = opendata.table_csv_text(published).encode()
        response = _with_etag(
            request, content, "text/csv; charset=utf-8", opendata.strong_tag(content)
        )
        filename = f"juntos-{published.kind}-{published.period.label}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _year(year: int | None) -> int:
    return year if year and FIRST_YEAR <= year <= LAST_YEAR else timezone.localdate().year


@router.get(
    "/datapackage.json",
    summary="A Frictionless data package listing every published table of a year by province",
)
def datapackage(request: HttpRequest, year: int | None = None) -> HttpResponse:
    chosen = _year(year)
    stored = _stored(request, opendata.datapackage_file_name(chosen))
    if stored is not None:
        return stored
    content = opendata.datapackage_bytes(
        chosen, base=request.build_absolute_uri("/api/monitoring/tables/")
    )
    return _with_etag(request, content, "application/json", opendata.strong_tag(content))


@router.get(
    "/iati.xml",
    summary="The network's results for a year as an IATI 2.03 activity file",
)
def iati(request: HttpRequest, year: int | None = None) -> HttpResponse:
    chosen = _year(year)
    response = _stored(request, opendata.iati_file_name(chosen))
    if response is None:
        content, figures = iati_document(chosen, today=timezone.localdate(), now=timezone.now())
        response = _with_etag(
            request, content, "application/xml; charset=utf-8", opendata.weak_tag(figures)
        )
    response["Content-Disposition"] = f'inline; filename="juntos-iati-{chosen}.xml"'
    return response
