"""The outbox: what this instance publishes, turned into Create, Update and Delete activities.

`outbox_refresh` reads the public state through the apps' selectors (published vacancies as
JobPosting, the open-data files, the credential status lists), compares each object with the
last activity the outbox holds for it, and appends one activity per change. Refreshes run one
at a time (a row lock), so ids grow in the order activities are committed and a cursor never
skips one.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation

from juntos.core.services import audit_record
from juntos.credentials.selectors import set_indexes, status_lists
from juntos.federation.activities import fingerprint, job_posting_object, site_url, tombstone
from juntos.federation.choices import Feed
from juntos.federation.models import InstanceKey, OutboxItem
from juntos.federation.services.keys import inbox_keys_ensure, instance_key_current
from juntos.monitoring.selectors import open_data_files
from juntos.opportunities.selectors import published_job_postings

PURPOSES = ("revocation", "suspension")


def _vacancies() -> dict[str, dict[str, object]]:
    with translation.override("en"):

        def url_of(pk: int) -> str:
            return site_url(reverse("opportunities:vacancy", kwargs={"vacancy_id": pk}))

        postings = published_job_postings(url_of=url_of, language="en")
    return {f"vacancy:{pk}": job_posting_object(p) for pk, p in postings.items()}


def _open_data_url(name: str) -> str | None:
    """Where the API serves a generated file (None for a name it does not serve)."""
    if name.startswith("tables/") and name.endswith("-province.csv"):
        _, kind, file_name = name.split("/", 2)
        year = file_name.removesuffix("-province.csv")
        return site_url(f"/api/monitoring/tables/{kind}/csv?period={year}&by=province")
    for prefix, suffix, path in (
        ("datapackage-", ".json", "datapackage.json"),
        ("iati-", ".xml", "iati.xml"),
    ):
        if name.startswith(prefix) and name.endswith(suffix):
            year = name.removeprefix(prefix).removesuffix(suffix)
            return site_url(f"/api/monitoring/{path}?year={year}")
    return None


def _aggregates() -> dict[str, dict[str, object]]:
    documents: dict[str, dict[str, object]] = {}
    for row in open_data_files():
        url = _open_data_url(row.name)
        if url is None:
            continue
        documents[f"open-data:{row.name}"] = {
            "id": url,
            "type": "Document",
            "name": row.name,
            "mediaType": row.content_type,
            "url": url,
            "schema:version": row.etag,
        }
    return documents


def _status_lists() -> dict[str, dict[str, object]]:
    documents: dict[str, dict[str, object]] = {}
    for row in status_lists():
        for purpose in PURPOSES:
            url = site_url(
                reverse(
                    "credentials_status_list", kwargs={"number": row.number, "purpose": purpose}
                )
            )
            bits = ",".join(str(i) for i in sorted(set_indexes(row.pk, purpose)))
            documents[f"status-list:{row.number}:{purpose}"] = {
                "id": url,
                "type": "Document",
                "name": f"BitstringStatusList {row.number} ({purpose})",
                "mediaType": "application/vc+jwt",
                "url": url,
                # Changes whenever a credential on the list is revoked or suspended.
                "schema:version": hashlib.sha256(bits.encode()).hexdigest()[:32],
            }
    return documents


def _current() -> dict[str, dict[str, dict[str, object]]]:
    return {
        Feed.VACANCIES: _vacancies(),
        Feed.AGGREGATES: _aggregates(),
        Feed.STATUS_LISTS: _status_lists(),
    }


def _last_activities(feed: str) -> dict[str, OutboxItem]:
    last_ids = OutboxItem.objects.filter(feed=feed).values("object_key").annotate(last=Max("id"))
    rows = OutboxItem.objects.filter(pk__in=[r["last"] for r in last_ids])
    return {row.object_key: row for row in rows}


def _changes(
    feed: str, current: dict[str, dict[str, object]], now: dt.datetime
) -> list[OutboxItem]:
    last = _last_activities(feed)
    stamp = now.isoformat()
    items: list[OutboxItem] = []
    for key, document in sorted(current.items()):
        print_ = fingerprint(document)
        before = last.get(key)
        if before is not None and before.activity != "Delete" and before.fingerprint == print_:
            continue
        kind = "Create" if before is None or before.activity == "Delete" else "Update"
        published = {**document, "updated": stamp}
        items.append(
            OutboxItem(
                feed=feed,
                object_key=key,
                activity=kind,
                document=published,
                fingerprint=print_,
                published_at=now,
            )
        )
    for key, before in sorted(last.items()):
        if key in current or before.activity == "Delete":
            continue
        gone = tombstone(feed, str(before.document["id"]), stamp)
        items.append(
            OutboxItem(
                feed=feed,
                object_key=key,
                activity="Delete",
                document=gone,
                fingerprint=fingerprint(gone),
                published_at=now,
            )
        )
    return items


def outbox_refresh(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Append an activity for every published object that appeared, changed or went away;
    returns how many per feed."""
    now = now or timezone.now()
    key = instance_key_current()
    inbox_keys_ensure()
    counts: dict[str, int] = {}
    with transaction.atomic():
        InstanceKey.objects.select_for_update().filter(pk=key.pk).first()  # one at a time
        for feed, current in _current().items():
            items = _changes(feed, current, now)
            OutboxItem.objects.bulk_create(items)
            counts[feed] = len(items)
        if any(counts.values()):
            audit_record(actor=None, action="federation.outbox_refreshed", details=counts)
    return counts
