"""An administrator registers a peer with its pinned key and approves it; bad input is said on
the form in her language, keeps what she typed, and stores nothing. Malformed signatures are
refused, never a server error."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client

from juntos.core.crypto import public_key_text
from juntos.core.models import AuditEntry
from juntos.federation.choices import PeerStatus
from juntos.federation.models import Peer, ReceivedReferral
from juntos.testing.personas import logged_in_client

KEY = public_key_text(Ed25519PrivateKey.generate().public_key())


def test_an_administrator_registers_then_approves_a_peer(personas: Any) -> None:
    admin = logged_in_client(personas.admin)
    form = {"name": "Quebec Network", "base_url": "https://quebec.example.org/",
            "key_id": "quebec-1", "public_key": KEY}  # fmt: skip
    assert admin.post("/en/federation/peers/", form).status_code == 302
    peer = Peer.objects.get()
    assert (peer.base_url, peer.status) == ("https://quebec.example.org", PeerStatus.PENDING)
    admin.post(f"/en/federation/peers/{peer.pk}/status/", {"status": "approved"})
    peer.refresh_from_db()
    assert peer.status == PeerStatus.APPROVED and peer.approved_by == personas.admin
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"federation.peer_registered", "federation.peer_approved"} <= actions


def test_a_key_that_is_not_one_is_refused_in_her_language_and_kept_on_the_form(
    personas: Any,
) -> None:
    admin = logged_in_client(personas.admin)
    form = {"name": "Red de Quebec", "base_url": "https://quebec.example.org",
            "key_id": "quebec-1", "public_key": "not-a-key"}  # fmt: skip
    response = admin.post("/es/federation/peers/", form)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Pegue la clave pública Ed25519" in text
    assert 'value="Red de Quebec"' in text and 'value="not-a-key"' in text
    assert Peer.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Signature-Input": "juntos=(", "Signature": "juntos=:AAAA:"},
        {"Signature-Input": 'juntos=("@method");created=1', "Signature": "juntos=:%%%:"},
        {
            "Signature-Input": 'juntos=("@nothing");keyid="x";created=1;nonce="n";tag="t"',
            "Signature": "juntos=:AAAA:",
            "Content-Digest": "sha-256=:AAAA:",
        },
        {"Signature-Input": "\u00e9=()", "Signature": "x", "Content-Digest": "sha-256=:x"},
    ],
)
def test_a_malformed_signature_is_refused_not_an_error(db: None, headers: dict[str, str]) -> None:
    response = Client().post(
        "/federation/inbox", b"{}", content_type="application/activity+json", headers=headers
    )
    assert response.status_code == 403
    assert ReceivedReferral.objects.count() == 0
