"""ActivityStreams 2.0: the documents of each feed, its collections, pages and cursors.

A feed is an OrderedCollection of Create, Update and Delete activities in the order of the
outbox's ids (which only grow). A page lists the activities after a cursor; the cursor is
opaque to peers (they pass back what `next` gave them) and names one outbox id.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from juntos.federation.choices import Feed
from juntos.federation.models import OutboxItem

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
CONTEXT = [AS_CONTEXT, {"schema": "https://schema.org/"}]
PAGE_SIZE = 50
MEDIA_TYPE = "application/activity+json"
FORMER_TYPES = {
    Feed.VACANCIES: "JobPosting",
    Feed.AGGREGATES: "Document",
    Feed.STATUS_LISTS: "Document",
}


class BadCursor(ValueError):
    """A cursor this instance did not make."""


def cursor_for(outbox_id: int) -> str:
    return base64.urlsafe_b64encode(f"o1.{outbox_id}".encode()).decode().rstrip("=")


def outbox_id_of(cursor: str) -> int:
    """The outbox id a cursor names; raises BadCursor for anything else."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise BadCursor(cursor) from exc
    prefix, _, number = text.partition(".")
    if prefix != "o1" or not number.isdigit() or len(number) > 18:
        raise BadCursor(cursor)
    return int(number)


def fingerprint(document: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def feed_url(feed: str) -> str:
    return site_url(reverse("federation_feed", kwargs={"feed": feed}))


def page_url(feed: str, after: int) -> str:
    url = site_url(reverse("federation_feed_page", kwargs={"feed": feed}))
    return f"{url}?after={cursor_for(after)}" if after else url


def job_posting_object(posting: dict[str, object]) -> dict[str, object]:
    """A JobPosting as the object of an activity: its URL is its id."""
    body = {k: v for k, v in posting.items() if k not in {"@context", "@type"}}
    return {"id": posting["url"], "type": "JobPosting", **body}


def tombstone(feed: str, object_id: str, deleted: str) -> dict[str, object]:
    return {
        "id": object_id,
        "type": "Tombstone",
        "formerType": FORMER_TYPES[Feed(feed)],
        "deleted": deleted,
    }


def activity(item: OutboxItem) -> dict[str, object]:
    return {
        "id": f"{feed_url(item.feed)}#{item.pk}",
        "type": item.activity,
        "actor": settings.SITE_URL,
        "published": item.published_at.isoformat(),
        "object": item.document,
    }


def collection(feed: str, total: int) -> dict[str, object]:
    return {
        "@context": CONTEXT,
        "id": feed_url(feed),
        "type": "OrderedCollection",
        "totalItems": total,
        "first": page_url(feed, 0),
    }


def page(feed: str, after: int, items: Iterable[OutboxItem]) -> dict[str, object]:
    """One page: the activities after the cursor; `next` only when this page was full."""
    rows = list(items)
    document: dict[str, object] = {
        "@context": CONTEXT,
        "id": page_url(feed, after),
        "type": "OrderedCollectionPage",
        "partOf": feed_url(feed),
        "orderedItems": [activity(row) for row in rows],
    }
    if rows:
        # Even a short page says where to go on from, so a peer can come back for what is
        # published after it; it stops when a page comes back empty.
        document["next"] = page_url(feed, rows[-1].pk)
    return document


def body(document: dict[str, object]) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
