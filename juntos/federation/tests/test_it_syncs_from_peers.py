"""Pulling an approved peer's signed feeds: a re-sync stores no duplicate, a Tombstone withdraws
the copy, and an answer with an unknown key, a wrong digest, an old signature or a replayed
signature is refused, logged and audited, and nothing of it is stored."""

from __future__ import annotations

from typing import Any

import pytest

from juntos.core.models import AuditEntry
from juntos.federation import selectors, services
from juntos.federation.choices import Feed, PeerStatus
from juntos.federation.models import Peer, RemoteVacancy, SeenSignature
from juntos.federation.tests.peerkit import FakePeer, job_posting, page

PAGE = "/federation/feeds/vacancies/page"


def _create(base: str, number: int, title: str = "Apple harvest") -> dict[str, Any]:
    return {"type": "Create", "object": job_posting(number, base=base, title=title)}


def _two_vacancies(peer: FakePeer) -> None:
    base = peer.base_url
    peer.documents[PAGE] = page(base, "vacancies", [_create(base, 1), _create(base, 2)], 2)


def test_a_resync_stores_no_duplicate_and_a_tombstone_withdraws(
    approved: Peer, peer_server: FakePeer
) -> None:
    base = peer_server.base_url
    _two_vacancies(peer_server)
    first = services.peer_sync(actor=None, peer=approved)
    assert (first.stored, first.refused, first.unreachable) == (2, "", False)
    assert RemoteVacancy.objects.count() == 2

    approved.refresh_from_db()
    assert approved.cursors["vacancies"] == "c2"  # the next sync starts after what it read
    again = services.peer_sync(actor=None, peer=approved)
    assert again.stored == 0 and RemoteVacancy.objects.count() == 2
    assert peer_server.requests.count(f"{PAGE}?after=c2") == 2

    # From the start again (a lost cursor): the same objects, still one row each.
    Peer.objects.filter(pk=approved.pk).update(cursors={})
    approved.refresh_from_db()
    services.peer_sync(actor=None, peer=approved)
    assert RemoteVacancy.objects.count() == 2

    gone = {
        "type": "Delete",
        "object": {
            "id": job_posting(1, base=base)["id"],
            "type": "Tombstone",
            "formerType": "JobPosting",
        },
    }
    changed = {"type": "Update", "object": job_posting(2, base=base, title="Cherry harvest")}
    peer_server.documents[f"{PAGE}?after=c2"] = page(base, "vacancies", [gone, changed], 4)
    approved.refresh_from_db()
    result = services.peer_sync(actor=None, peer=approved)
    assert (result.stored, result.withdrawn) == (1, 1)
    assert [v.title for v in selectors.remote_vacancies()] == ["Cherry harvest"]
    assert RemoteVacancy.objects.count() == 2  # the withdrawn copy is kept, marked withdrawn
    assert RemoteVacancy.objects.exclude(withdrawn_at=None).get().remote_id.endswith("/1/")


def test_a_peer_not_approved_is_not_fetched(approved: Peer, peer_server: FakePeer) -> None:
    _two_vacancies(peer_server)
    Peer.objects.filter(pk=approved.pk).update(status=PeerStatus.SUSPENDED)
    approved.refresh_from_db()
    assert services.peer_sync(actor=None, peer=approved).stored == 0
    assert peer_server.requests == [] and RemoteVacancy.objects.count() == 0


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        ("unknown-key", "unknown-key"),
        ("other-key", "bad-signature"),
        ("body", "bad-digest"),
        ("old", "clock-skew"),
        ("signature", "bad-signature"),
    ],
)
def test_a_spoiled_answer_is_refused_audited_and_nothing_is_stored(
    approved: Peer, peer_server: FakePeer, spoil: str, reason: str
) -> None:
    _two_vacancies(peer_server)
    peer_server.spoil = spoil
    result = services.peer_sync(actor=None, peer=approved)
    assert result.refused == reason and result.stored == 0
    assert RemoteVacancy.objects.count() == 0
    assert SeenSignature.objects.count() == 0
    approved.refresh_from_db()
    assert approved.cursors == {}
    entry = AuditEntry.objects.get(action="federation.refused")
    assert entry.details == {"what": "a feed page", "from": "Ontario Network", "reason": reason}


def test_a_replayed_answer_is_refused_audited_and_nothing_is_stored(
    approved: Peer, peer_server: FakePeer
) -> None:
    _two_vacancies(peer_server)
    services.peer_sync(actor=None, peer=approved, feeds=(Feed.VACANCIES,))
    seen, received = (
        SeenSignature.objects.count(),
        list(RemoteVacancy.objects.values_list("pk", "received_at")),
    )
    Peer.objects.filter(pk=approved.pk).update(cursors={})
    approved.refresh_from_db()
    peer_server.spoil = "replay"  # the same signed page again, signature and nonce included
    result = services.peer_sync(actor=None, peer=approved, feeds=(Feed.VACANCIES,))
    assert result.refused == "replay" and result.stored == 0
    assert list(RemoteVacancy.objects.values_list("pk", "received_at")) == received
    assert SeenSignature.objects.count() == seen
    assert AuditEntry.objects.get(action="federation.refused").details["reason"] == "replay"
