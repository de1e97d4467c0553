"""Fixtures of the federation tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from juntos.federation.choices import PeerStatus
from juntos.federation.models import Peer
from juntos.federation.tests.peerkit import FakePeer, fake_peer


@pytest.fixture
def peer_server() -> Iterator[FakePeer]:
    with fake_peer() as peer:
        yield peer


@pytest.fixture
def approved(personas: Any, peer_server: FakePeer) -> Peer:
    """The fake peer, registered with its pinned key and approved by the administrator."""
    return Peer.objects.create(
        name="Ontario Network",
        base_url=peer_server.base_url,
        key_id=peer_server.key_id,
        public_key=peer_server.public_key,
        status=PeerStatus.APPROVED,
        approved_by=personas.admin,
    )
