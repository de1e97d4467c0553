"""Every page and document of the federation app, and who may use it.

The documents for peers (feeds, organisations, key) are open to anyone and signed; the inbox
takes only requests signed by an approved peer, so an unsigned POST is refused for everyone.
Peers are for administrators only."""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone

from juntos.core.crypto import public_key_text
from juntos.federation import services
from juntos.federation.choices import PeerStatus
from juntos.federation.keys import seal
from juntos.federation.models import (
    InboxKey,
    Peer,
    ReceivedReferral,
    RemoteOrganisation,
    RemoteVacancy,
)
from juntos.federation.tests.peerkit import job_posting
from juntos.opportunities.policies import referring_organisations_of
from juntos.testing.access import EVERYONE, NOBODY, SIGNED_IN, Access

ADMIN = frozenset({"admin"})
CASEWORKERS = frozenset({"amina", "dana"})  # caseworkers of a support organisation


def _peer(p: Any, status: str = PeerStatus.APPROVED) -> Peer:
    peer, _ = Peer.objects.get_or_create(
        base_url="http://127.0.0.1:9",
        defaults={
            "name": "Ontario Network",
            "key_id": "ontario-1",
            "public_key": public_key_text(Ed25519PrivateKey.generate().public_key()),
            "status": status,
        },
    )
    return peer


def _remote_vacancy(p: Any) -> dict[str, int]:
    posting = job_posting(1, base="http://127.0.0.1:9")
    row, _ = RemoteVacancy.objects.get_or_create(
        peer=_peer(p), remote_id=str(posting["id"]),
        defaults={"posting": posting, "title": "Apple harvest", "province": "ON",
                  "received_at": timezone.now()},
    )  # fmt: skip
    return {"vacancy_id": row.pk}


def _pending_peer(p: Any) -> dict[str, int]:
    return {"peer_id": _peer(p, PeerStatus.PENDING).pk}


def _new_peer(p: Any, kw: dict[str, Any]) -> dict[str, str]:
    key = public_key_text(Ed25519PrivateKey.generate().public_key())
    return {"name": "Quebec Network", "base_url": "https://quebec.example.org",
            "key_id": "quebec-1", "public_key": key}  # fmt: skip


def _to_aminas_organisation(p: Any) -> dict[str, int]:
    services.inbox_keys_ensure()
    organisation = min(referring_organisations_of(p.amina))
    inbox = InboxKey.objects.get(organisation_id=organisation)
    sealed = seal(json.dumps({"kind": "training", "note": "hello"}).encode(), inbox.public_key)
    row, _ = ReceivedReferral.objects.get_or_create(
        peer=_peer(p), activity_id="access-1",
        defaults={"organisation_id": organisation, "sealed_body": sealed,
                  "received_on": timezone.localdate()},
    )  # fmt: skip
    return {"referral_id": row.pk}


def _unsigned_offer(p: Any, kw: dict[str, Any]) -> dict[str, Any]:
    services.instance_key_current()  # a running instance has its key (the refusal is signed)
    return {"type": "Offer", "object": {"sealed": base64.b64encode(b"x").decode()}}


def _send_payload(p: Any, kw: dict[str, Any]) -> dict[str, Any]:
    organisation, _ = RemoteOrganisation.objects.get_or_create(
        peer=_peer(p), remote_id="7",
        defaults={"name": "Casa Ontario", "public_key": base64.b64encode(bytes(32)).decode()},
    )  # fmt: skip
    return {"referral": "999999", "organisation": str(organisation.pk), "consent": "on"}


ACCESS = [
    Access(
        "federation_feed",
        allow=EVERYONE,
        kwargs=lambda p: {"feed": "vacancies"},
        note="public by design: peers read it, and every answer is signed",
    ),
    Access(
        "federation_feed_page",
        allow=EVERYONE,
        kwargs=lambda p: {"feed": "vacancies"},
        note="public by design: only what the network publishes anyway",
    ),
    Access(
        "federation_organisations",
        allow=EVERYONE,
        note="names and public keys of the organisations that take referrals",
    ),
    Access("federation_key", allow=EVERYONE, note="the public key peers pin"),
    Access(
        "federation_inbox",
        method="POST",
        allow=NOBODY,
        data=_unsigned_offer,
        note="only a request signed by an approved peer's pinned key is taken",
    ),
    Access("federation:vacancies", allow=EVERYONE, worker_page=True),
    Access("federation:vacancy", allow=EVERYONE, worker_page=True, kwargs=_remote_vacancy),
    Access("federation:peers", allow=ADMIN, note="administrators decide which instances to trust"),
    Access("federation:peers", method="POST", allow=ADMIN, data=_new_peer),
    Access(
        "federation:peer_status",
        method="POST",
        allow=ADMIN,
        kwargs=_pending_peer,
        data=lambda p, kw: {"status": "approved"},
    ),
    Access("federation:referral_send", allow=CASEWORKERS),
    Access(
        "federation:referral_send",
        method="POST",
        allow=CASEWORKERS,
        data=_send_payload,
        note="a referral not theirs is refused on the form; nothing is sent",
    ),
    Access("federation:received", allow=SIGNED_IN, note="each sees only her organisations'"),
    Access(
        "federation:received_detail",
        allow=frozenset({"amina"}),
        kwargs=_to_aminas_organisation,
        note="members of the receiving organisation only; opening is audited",
    ),
]
