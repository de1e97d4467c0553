"""Taking in what peers send: their feeds (pulled from the last cursor) and their inbox POSTs.

Every response and request is verified before anything of it is stored: the key must be the
one pinned for an approved peer, the digest must match, the signature must verify, `created`
must be within five minutes of now, and the nonce must not have been seen. A refusal is
logged with its reason and the peer's name only, and nothing of the message is kept.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor
from juntos.core.ratelimit import rate_hit, rate_limited
from juntos.core.services import audit_record
from juntos.federation import client
from juntos.federation.activities import MEDIA_TYPE
from juntos.federation.choices import Feed, PeerStatus, Rejection
from juntos.federation.models import (
    Peer,
    ReceivedReferral,
    RemoteDocument,
    RemoteOrganisation,
    RemoteVacancy,
    SeenSignature,
)
from juntos.federation.selectors import approved_peer_with_key, inbox_key_of
from juntos.federation.signatures import (
    FEED_TAG,
    INBOX_TAG,
    MAX_SKEW,
    Refused,
    RequestMessage,
    ResponseMessage,
    Verified,
    public_key_of,
    verify,
)

log = logging.getLogger("juntos.federation")
# The inbox's hourly limits: referrals taken from one approved peer, and refusals written to
# the audit log (past that, a refusal is only logged, so junk cannot flood the audit chain).
INBOX_REFERRALS_PER_PEER_PER_HOUR = 300
AUDITED_REFUSALS_PER_HOUR = 100
HOUR = 3600
MAX_PAGES = 40  # per feed and sync: a peer cannot keep a worker busy for ever


@dataclass
class SyncResult:
    stored: int = 0
    withdrawn: int = 0
    refused: str = ""
    unreachable: bool = False
    feeds: dict[str, str] = field(default_factory=dict)


def refusal_log(what: str, peer_name: str, reason: Rejection) -> None:
    """A refusal, logged and audited: what, whose, why; never a person, an address or a body.
    The audit entry is its own transaction, so it stays whatever happens to the caller's.
    A message with no signature at all is only logged: anyone can send one, and the audit
    log is for what claims to come from a peer (an unknown key, a bad digest, skew, replay)."""
    log.warning("federation: refused %s from %s: %s", what, peer_name, reason.value)
    if reason == Rejection.UNSIGNED:
        return
    if rate_hit("federation-refusals", "all", window_seconds=HOUR) > AUDITED_REFUSALS_PER_HOUR:
        return  # logged above; the audit log already holds this hour's share of refusals
    with transaction.atomic():
        audit_record(
            actor=None,
            action="federation.refused",
            details={"what": what, "from": peer_name, "reason": reason.value},
        )


def signature_remember(verified: Verified) -> None:
    """Keep the nonce for the skew window; a second use of it is a replay."""
    digest = hashlib.sha256(f"{verified.key_id}\n{verified.nonce}".encode()).hexdigest()
    try:
        with transaction.atomic():
            SeenSignature.objects.create(digest=digest, created=verified.created)
    except IntegrityError as exc:
        raise Refused(Rejection.REPLAY) from exc


def signatures_forget(*, now: dt.datetime | None = None) -> int:
    """Nonces older than twice the window can go: their signatures are refused as too old."""
    cutoff = (now or timezone.now()) - 2 * MAX_SKEW
    deleted, _ = SeenSignature.objects.filter(created__lt=cutoff).delete()
    return deleted


def _pinned(peer: Peer) -> Callable[[str], Ed25519PublicKey | None]:
    key = public_key_of(peer.public_key)
    return lambda key_id: key if key_id == peer.key_id else None


def _fetch(peer: Peer, url: str) -> dict[str, object]:
    """GET a signed document from the peer, verified and remembered, as JSON."""
    got = client.send("GET", url, headers={"Accept": MEDIA_TYPE})
    if got.status != 200:
        raise client.Unreachable(url)
    message = ResponseMessage(got.status, got.headers, RequestMessage("GET", url, {}))
    verified = verify(
        message, body=got.body, tag=FEED_TAG, public_key=_pinned(peer), now=timezone.now()
    )
    signature_remember(verified)
    try:
        document = json.loads(got.body)
    except ValueError as exc:
        raise client.Unreachable(url) from exc
    if not isinstance(document, dict):
        raise client.Unreachable(url)
    return document


def _web_id(value: object) -> str | None:
    text = str(value or "")
    return text if text.startswith(("http://", "https://")) and len(text) <= 400 else None


def _store_vacancy(peer: Peer, kind: str, obj: dict[str, object], now: dt.datetime) -> str:
    remote_id = _web_id(obj.get("id"))
    if remote_id is None:
        return ""
    if kind == "Delete":
        found = RemoteVacancy.objects.filter(peer=peer, remote_id=remote_id, withdrawn_at=None)
        return "withdrawn" if found.update(withdrawn_at=now) else ""
    if obj.get("type") != "JobPosting":
        return ""
    location = obj.get("jobLocation")
    address = location.get("address") if isinstance(location, dict) else None
    region = address.get("addressRegion", "") if isinstance(address, dict) else ""
    RemoteVacancy.objects.update_or_create(
        peer=peer,
        remote_id=remote_id,
        defaults={
            "posting": obj,
            "title": str(obj.get("title", ""))[:150],
            "province": str(region)[:2],
            "starts_on": parse_date(str(obj.get("jobStartDate", ""))[:10]),
            "received_at": now,
            "withdrawn_at": None,
        },
    )
    return "stored"


def _store_document(
    peer: Peer, feed: str, kind: str, obj: dict[str, object], now: dt.datetime
) -> str:
    remote_id = _web_id(obj.get("id"))
    if remote_id is None:
        return ""
    if kind == "Delete":
        found = RemoteDocument.objects.filter(peer=peer, remote_id=remote_id, withdrawn_at=None)
        return "withdrawn" if found.update(withdrawn_at=now) else ""
    RemoteDocument.objects.update_or_create(
        peer=peer,
        remote_id=remote_id,
        defaults={"feed": feed, "document": obj, "received_at": now, "withdrawn_at": None},
    )
    return "stored"


def _apply(peer: Peer, feed: str, items: list[object], result: SyncResult) -> None:
    now = timezone.now()
    for item in items:
        if not isinstance(item, dict) or item.get("type") not in {"Create", "Update", "Delete"}:
            continue
        obj = item.get("object")
        if not isinstance(obj, dict):
            continue
        kind = str(item["type"])
        if feed == Feed.VACANCIES:
            outcome = _store_vacancy(peer, kind, obj, now)
        else:
            outcome = _store_document(peer, feed, kind, obj, now)
        result.stored += outcome == "stored"
        result.withdrawn += outcome == "withdrawn"


def _next_cursor(peer: Peer, feed: str, next_url: object) -> str | None:
    """The cursor in the peer's `next` link, if the link stays on the peer's own feed."""
    own = f"{peer.base_url}/federation/feeds/{feed}/page"
    text = str(next_url or "")
    if not text.startswith(own + "?"):
        return None
    values = parse_qs(urlsplit(text).query).get("after", [])
    return values[0] if values else None


def _sync_feed(peer: Peer, feed: str, result: SyncResult) -> None:
    cursor = str(peer.cursors.get(feed, ""))
    for _page in range(MAX_PAGES):
        url = f"{peer.base_url}/federation/feeds/{feed}/page"
        document = _fetch(peer, f"{url}?after={cursor}" if cursor else url)
        items = document.get("orderedItems")
        if not isinstance(items, list) or not items:
            return
        following = _next_cursor(peer, feed, document.get("next"))
        with transaction.atomic():
            _apply(peer, feed, items, result)
            if following:
                cursor = following
                peer.cursors = {**peer.cursors, feed: cursor}
                peer.save(update_fields=["cursors"])
        if not following:
            return


def _sync_organisations(peer: Peer) -> None:
    document = _fetch(peer, f"{peer.base_url}/federation/organisations")
    rows = document.get("organisations")
    for row in rows if isinstance(rows, list) else []:
        if not isinstance(row, dict) or not str(row.get("id", "")).isdigit():
            continue
        if len(base64.b64decode(str(row.get("publicKey", "")) + "==")) != 32:
            continue
        RemoteOrganisation.objects.update_or_create(
            peer=peer,
            remote_id=str(row["id"]),
            defaults={"name": str(row.get("name", ""))[:200], "public_key": row["publicKey"]},
        )


def peer_sync(
    *, actor: Actor | None, peer: Peer, feeds: tuple[str, ...] = tuple(Feed)
) -> SyncResult:
    """Pull an approved peer's feeds from where the last sync stopped; re-syncing stores no
    duplicate (rows are keyed by the peer and the object's id)."""
    result = SyncResult()
    if peer.status != PeerStatus.APPROVED:
        return result
    try:
        for feed in feeds:
            _sync_feed(peer, feed, result)
            result.feeds[feed] = str(peer.cursors.get(feed, ""))
        _sync_organisations(peer)
    except Refused as refusal:
        refusal_log("a feed page", peer.name, refusal.reason)
        result.refused = refusal.reason.value
    except (client.Unreachable, binascii.Error):
        log.warning("federation: %s did not answer with a feed page", peer.name)
        result.unreachable = True
    Peer.objects.filter(pk=peer.pk).update(last_synced_at=timezone.now())
    audit_record(
        actor=actor,
        action="federation.peer_synced",
        target=peer,
        details={
            "stored": result.stored,
            "withdrawn": result.withdrawn,
            "refused": result.refused,
            "unreachable": result.unreachable,
        },
    )
    return result


def _sealed_referral(activity: object) -> tuple[str, int, bytes]:
    """The activity id, the receiving organisation and the sealed body of an Offer."""
    invalid = ValidationError(_("This is not a referral this inbox takes."))
    if not isinstance(activity, dict) or activity.get("type") != "Offer":
        raise invalid
    obj = activity.get("object")
    if not isinstance(obj, dict) or obj.get("type") != "juntos:SealedReferral":
        raise invalid
    activity_id, to = str(activity.get("id", "")), str(obj.get("to", ""))
    if not (0 < len(activity_id) <= 64) or not to.isdigit():
        raise invalid
    try:
        sealed = base64.b64decode(str(obj.get("sealed", "")), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise invalid from exc
    if not sealed or inbox_key_of(int(to)) is None:
        raise invalid
    return activity_id, int(to), sealed


def inbox_receive(
    *, method: str, url: str, headers: dict[str, str], body: bytes
) -> ReceivedReferral:
    """A referral POSTed by an approved peer: verified, then only its sealed body is kept."""

    def pinned(key_id: str) -> Ed25519PublicKey | None:
        peer = approved_peer_with_key(key_id)
        return public_key_of(peer.public_key) if peer else None

    message = RequestMessage(method, url, headers)
    try:
        verified = verify(message, body=body, tag=INBOX_TAG, public_key=pinned, now=timezone.now())
        signature_remember(verified)
    except Refused as refusal:
        refusal_log("an inbox request", "an unverified sender", refusal.reason)
        raise
    peer = approved_peer_with_key(verified.key_id)
    assert peer is not None
    if rate_limited("federation-inbox", str(peer.pk), limit=INBOX_REFERRALS_PER_PEER_PER_HOUR):
        refusal_log("an inbox request", peer.name, Rejection.TOO_MANY)
        raise Refused(Rejection.TOO_MANY)
    rate_hit("federation-inbox", str(peer.pk), window_seconds=HOUR)
    try:
        activity = json.loads(body)
    except ValueError as exc:
        raise ValidationError(_("This is not a referral this inbox takes.")) from exc
    activity_id, organisation_id, sealed = _sealed_referral(activity)
    with transaction.atomic():
        row, created = ReceivedReferral.objects.get_or_create(
            peer=peer,
            activity_id=activity_id,
            defaults={
                "organisation_id": organisation_id,
                "sealed_body": sealed,
                "received_on": timezone.localdate(),
            },
        )
        if created:
            audit_record(
                actor=None,
                action="federation.referral_received",
                target=row,
                organisation_id=organisation_id,
                details={"peer": peer.pk},
            )
    return row
