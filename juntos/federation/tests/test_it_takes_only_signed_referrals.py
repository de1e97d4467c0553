"""The inbox takes a sealed referral only from an approved peer's pinned key: a request with an
unknown key, a wrong digest, an old signature or a replayed signature is refused (403),
logged and audited, and nothing of it is stored."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client

from juntos.core.crypto import public_key_text
from juntos.core.models import AuditEntry
from juntos.federation import services
from juntos.federation.activities import MEDIA_TYPE
from juntos.federation.choices import PeerStatus
from juntos.federation.keys import seal
from juntos.federation.models import InboxKey, Peer, ReceivedReferral, SeenSignature
from juntos.federation.signatures import INBOX_TAG, RequestMessage, sign

URL = "http://testserver/federation/inbox"
KEY = Ed25519PrivateKey.generate()


@pytest.fixture
def sender(personas: Any) -> Peer:
    services.inbox_keys_ensure()
    return Peer.objects.create(
        name="Ontario Network",
        base_url="https://ontario.example.org",
        key_id="ontario-1",
        public_key=public_key_text(KEY.public_key()),
        status=PeerStatus.APPROVED,
        approved_by=personas.admin,
    )


def _offer(activity_id: str = "a1") -> bytes:
    inbox = InboxKey.objects.order_by("organisation_id").first()
    assert inbox is not None
    sealed = seal(b'{"note": "sealed words"}', inbox.public_key)
    activity = {
        "id": activity_id,
        "type": "Offer",
        "object": {
            "type": "juntos:SealedReferral",
            "to": str(inbox.organisation_id),
            "sealed": base64.b64encode(sealed).decode(),
        },
    }
    return json.dumps(activity).encode()


def _post(body: bytes, *, key_id: str = "ontario-1", ago: int = 0, alter: bool = False) -> Any:
    request = RequestMessage("POST", URL, {"Content-Type": MEDIA_TYPE})
    created = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=ago)
    sign(request, body=body, key_id=key_id, key=KEY, tag=INBOX_TAG, created=created)
    sent = body.replace(b"Offer", b"Offer ") if alter else body
    return _replay(sent, request.headers)


def _replay(body: bytes, headers: dict[str, str]) -> Any:
    extra = {k: v for k, v in headers.items() if k != "Content-Type"}
    return Client().post("/federation/inbox", body, content_type=MEDIA_TYPE, headers=extra)


def _refused(reason: str) -> None:
    entry = AuditEntry.objects.get(action="federation.refused")
    assert entry.details == {"what": "an inbox request", "from": "an unverified sender",
                             "reason": reason}  # fmt: skip


def test_a_signed_referral_from_an_approved_peer_is_kept_sealed(sender: Peer) -> None:
    response = _post(_offer())
    assert response.status_code == 202, response.content
    assert response["Signature-Input"].startswith("juntos=")  # the answer is signed too
    row = ReceivedReferral.objects.get()
    assert row.peer == sender and b"sealed words" not in bytes(row.sealed_body)
    assert AuditEntry.objects.filter(action="federation.referral_received").count() == 1


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"key_id": "nobody-pinned-this"}, "unknown-key"),
        ({"alter": True}, "bad-digest"),
        ({"ago": 5 * 60 + 30}, "clock-skew"),
        ({"ago": -(5 * 60 + 30)}, "clock-skew"),
    ],
)
def test_a_spoiled_request_is_refused_audited_and_nothing_is_stored(
    sender: Peer, change: dict[str, Any], reason: str
) -> None:
    response = _post(_offer(), **change)
    assert response.status_code == 403
    assert json.loads(response.content) == {"error": reason}
    assert ReceivedReferral.objects.count() == 0 and SeenSignature.objects.count() == 0
    _refused(reason)


def test_a_suspended_peers_key_is_unknown(sender: Peer) -> None:
    Peer.objects.filter(pk=sender.pk).update(status=PeerStatus.SUSPENDED)
    assert _post(_offer()).status_code == 403
    assert ReceivedReferral.objects.count() == 0
    _refused("unknown-key")


def test_a_replayed_request_is_refused_audited_and_nothing_more_is_stored(sender: Peer) -> None:
    body = _offer()
    request = RequestMessage("POST", URL, {"Content-Type": MEDIA_TYPE})
    sign(request, body=body, key_id="ontario-1", key=KEY, tag=INBOX_TAG)
    assert _replay(body, request.headers).status_code == 202
    kept = list(ReceivedReferral.objects.values_list("pk", "sealed_body"))
    seen = SeenSignature.objects.count()
    response = _replay(body, request.headers)
    assert response.status_code == 403 and json.loads(response.content) == {"error": "replay"}
    assert list(ReceivedReferral.objects.values_list("pk", "sealed_body")) == kept
    assert SeenSignature.objects.count() == seen
    _refused("replay")


def test_an_unsigned_request_is_refused_logged_and_not_audited(
    sender: Peer, caplog: pytest.LogCaptureFixture
) -> None:
    response = Client().post("/federation/inbox", _offer(), content_type=MEDIA_TYPE)
    assert response.status_code == 403 and json.loads(response.content) == {"error": "unsigned"}
    assert ReceivedReferral.objects.count() == 0
    assert not AuditEntry.objects.filter(action="federation.refused").exists()
    assert "refused an inbox request from an unverified sender: unsigned" in caplog.text


def test_a_peer_over_its_hourly_share_is_told_to_wait_and_nothing_more_is_stored(
    sender: Peer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from juntos.federation.services import sync

    monkeypatch.setattr(sync, "INBOX_REFERRALS_PER_PEER_PER_HOUR", 2)
    assert [_post(_offer(f"a{n}")).status_code for n in range(2)] == [202, 202]
    refused = _post(_offer("a-third"))
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert json.loads(refused.content) == {"error": "too-many"}
    assert refused["Signature-Input"].startswith("juntos=")
    assert ReceivedReferral.objects.count() == 2
    entry = AuditEntry.objects.get(action="federation.refused")
    assert entry.details == {"what": "an inbox request", "from": "Ontario Network",
                             "reason": "too-many"}  # fmt: skip


def test_junk_refusals_past_the_hourly_cap_are_logged_but_not_audited(
    sender: Peer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from juntos.federation.services import sync

    monkeypatch.setattr(sync, "AUDITED_REFUSALS_PER_HOUR", 2)
    codes = [_post(_offer(f"j{n}"), key_id="nobody-pinned-this").status_code for n in range(5)]
    assert codes == [403] * 5
    assert AuditEntry.objects.filter(action="federation.refused").count() == 2
    assert sum("refused an inbox request" in r.getMessage() for r in caplog.records) == 5
    assert not ReceivedReferral.objects.exists()
