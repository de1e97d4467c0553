"""The open-data files: CSV with HXL tags, the Frictionless data package and the IATI file.

The nightly task (`tasks.regenerate_open_data`) writes them as `OpenDataFile` rows; the API
serves the last stored version, and builds a file on the spot only when none is stored yet.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from juntos.core.memory import ShortMemory
from juntos.funding import selectors as funding_selectors
from juntos.monitoring.iati import iati_document
from juntos.monitoring.models import OpenDataFile
from juntos.monitoring.selectors import PUBLIC_KINDS, PublishedTable, published_table

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
    "marginalised_group": "#group+marginalised",
}


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


def datapackage_descriptor(
    year: int, *, url_for: Callable[[str], str], grants_url: str = ""
) -> dict[str, object]:
    """The data package's descriptor; `url_for(kind)` gives each resource's path or URL, and
    `grants_url` where the funding program's 360Giving file is (listed once a grant exists)."""
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
        ]
        + _grants_resources(grants_url),
    }


def _grants_resources(grants_url: str) -> list[dict[str, object]]:
    """The funding program's awarded grants (360Giving JSON), when there are any."""
    if not grants_url or not funding_selectors.published_projects().exists():
        return []
    return [
        {
            "name": "funding-grants-360giving",
            "title": "Awarded grants (360Giving)",
            "path": grants_url,
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        }
    ]


def strong_tag(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def weak_tag(figures: bytes) -> str:
    """The same figures, not the same bytes (the file also carries its generation time)."""
    return 'W/"' + hashlib.sha256(figures).hexdigest()[:32] + '"'


def table_file_name(kind: str, year: int) -> str:
    return f"tables/{kind}/{year}-province.csv"


def datapackage_file_name(year: int) -> str:
    return f"datapackage-{year}.json"


def iati_file_name(year: int) -> str:
    return f"iati-{year}.xml"


def table_url(base: str, kind: str, year: int) -> str:
    return f"{base}{kind}/csv?period={year}&by=province"


def datapackage_bytes(year: int, *, base: str) -> bytes:
    grants = base.split("/api/monitoring/")[0] + "/api/funding/360giving.json"
    package = datapackage_descriptor(
        year, url_for=lambda kind: table_url(base, kind, year), grants_url=grants
    )
    return json.dumps(package, ensure_ascii=False, indent=1).encode()


@dataclass(frozen=True)
class StoredFile:
    """An open-data file as the nightly task stored it."""

    content: bytes
    content_type: str
    etag: str


# The files change once a night, and open data is read in bursts (a tool fetching every table):
# each process keeps what it read for a minute (juntos/core/memory.py), so most downloads cost
# no query. The task that writes them forgets at once in its own process; the others serve the
# new night's files within this many seconds.
STORED_FILE_MEMORY_SECONDS = 60
_stored_files: ShortMemory[tuple[StoredFile | None]] = ShortMemory(
    seconds=STORED_FILE_MEMORY_SECONDS
)


def stored_file(name: str) -> StoredFile | None:
    """The last generated version of an open-data file, if the nightly task made one."""
    remembered = _stored_files.get(name)
    if remembered is not None:
        return remembered[0]
    row = OpenDataFile.objects.filter(name=name).first()
    found = None if row is None else StoredFile(bytes(row.content), row.content_type, row.etag)
    return _stored_files.put(name, (found,))[0]


def _store(name: str, content: bytes, content_type: str, etag: str, now: object) -> None:
    _stored_files.forget()
    transaction.on_commit(_stored_files.forget)  # and again, in case it was read meanwhile
    OpenDataFile.objects.update_or_create(
        name=name,
        defaults={
            "content": content,
            "content_type": content_type,
            "etag": etag,
            "generated_at": now,
        },
    )


def open_data_regenerate(*, years: list[int] | None = None) -> dict[str, int]:
    """Write every open-data file of the given years (default: this one and the last).

    Every figure goes through `published_table` or the dashboard's selectors, so a stored file
    holds exactly what the live API would answer.
    """
    today = timezone.localdate()
    now = timezone.now()
    years = years or [today.year - 1, today.year]
    base = settings.SITE_URL + "/api/monitoring/tables/"
    written = 0
    with transaction.atomic():
        for year in years:
            for kind in PUBLIC_KINDS:
                table = published_table(kind, period=str(year), group_by=("province",))
                content = table_csv_text(table).encode()
                _store(
                    table_file_name(kind, year),
                    content,
                    "text/csv; charset=utf-8",
                    strong_tag(content),
                    now,
                )
                written += 1
            content = datapackage_bytes(year, base=base)
            _store(
                datapackage_file_name(year), content, "application/json", strong_tag(content), now
            )
            content, figures = iati_document(year, today=today, now=now)
            _store(
                iati_file_name(year),
                content,
                "application/xml; charset=utf-8",
                weak_tag(figures),
                now,
            )
            written += 2
    return {"files": written}
