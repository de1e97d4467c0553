"""Every list of the federation app (pages and peer documents) keeps its query count flat."""

from __future__ import annotations

import itertools
import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client
from django.utils import timezone

from juntos.core.crypto import public_key_text
from juntos.federation import services
from juntos.federation.models import (
    InboxKey,
    OutboxItem,
    Peer,
    ReceivedReferral,
    RemoteVacancy,
    SentReferral,
)
from juntos.federation.tests.peerkit import job_posting
from juntos.opportunities.models import Referral
from juntos.opportunities.policies import referring_organisations_of
from juntos.testing.personas import logged_in_client
from juntos.testing.queries import assert_queries_do_not_grow

_numbers = itertools.count(1)


def _peers(n: int, **fields: Any) -> list[Peer]:
    made = []
    for _ in range(n):
        i = next(_numbers)
        made.append(
            Peer.objects.create(
                name=f"Network {i}",
                base_url=f"https://n{i}.example.org",
                key_id=f"k{i}",
                public_key=public_key_text(Ed25519PrivateKey.generate().public_key()),
                **fields,
            )
        )
    return made


def _remote_vacancies(n: int) -> None:
    for peer in _peers(n, status="approved"):
        posting = job_posting(1, base=peer.base_url)
        RemoteVacancy.objects.create(peer=peer, remote_id=str(posting["id"]), posting=posting,
                                     title="Apple harvest", received_at=timezone.now())  # fmt: skip


def test_the_jobs_from_other_networks(personas: Any) -> None:
    assert_queries_do_not_grow(
        add_items=_remote_vacancies, fetch=lambda: Client().get("/en/federation/jobs/"), limit=6
    )


def test_the_peers_page(personas: Any) -> None:
    services.instance_key_current()
    admin = logged_in_client(personas.admin)
    assert_queries_do_not_grow(
        add_items=_peers, fetch=lambda: admin.get("/en/federation/peers/"), limit=12
    )


def test_the_referrals_received(personas: Any) -> None:
    services.inbox_keys_ensure()
    organisation = min(referring_organisations_of(personas.amina))
    assert InboxKey.objects.filter(organisation_id=organisation).exists()

    def add(n: int) -> None:
        for peer in _peers(n, status="approved"):
            ReceivedReferral.objects.create(peer=peer, organisation_id=organisation,
                                            activity_id=f"a{peer.pk}", sealed_body=b"x",
                                            received_on=timezone.localdate())  # fmt: skip

    amina = logged_in_client(personas.amina)
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: amina.get("/en/federation/referrals/received/"), limit=10
    )


def test_the_referrals_sent_to_other_networks(personas: Any) -> None:
    organisation = min(referring_organisations_of(personas.amina))

    def add(n: int) -> None:
        for peer in _peers(n, status="approved"):
            remote = peer.organisations.create(remote_id="1", name="Casa", public_key="x" * 44)
            referral = Referral.objects.create(
                worker=personas.rosa,
                referring_organisation_id=organisation,
                home_organisation_id=organisation,
                kind="training",
                consented_at=timezone.now(),
                sent_on=timezone.localdate(),
            )
            SentReferral.objects.create(
                referral_id=referral.pk,
                peer=peer,
                organisation=remote,
                activity_id=f"s{peer.pk}",
                sent_on=timezone.localdate(),
            )

    amina = logged_in_client(personas.amina)
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: amina.get("/en/federation/referrals/send/"), limit=14
    )


def test_a_feed_page(db: None) -> None:
    services.instance_key_current()

    def add(n: int) -> None:
        OutboxItem.objects.bulk_create(
            OutboxItem(feed="vacancies", object_key=f"vacancy:{next(_numbers)}", activity="Create",
                       document={"id": "https://x.example/1"}, fingerprint="f",
                       published_at=timezone.now())
            for _ in range(n)
        )  # fmt: skip

    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: Client().get("/federation/feeds/vacancies/page"),
        limit=4,
        rows=lambda response: len(json.loads(response.content)["orderedItems"]),
    )
