"""Reads of the federation app: peers for administrators, remote vacancies for everyone,
referrals for the organisations that sent or received them."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from juntos.accounts.actors import Actor
from juntos.federation.choices import PeerStatus
from juntos.federation.models import (
    InboxKey,
    OutboxItem,
    Peer,
    ReceivedReferral,
    RemoteOrganisation,
    RemoteVacancy,
    SentReferral,
)
from juntos.federation.policies import (
    can_manage_peers,
    can_send_referrals,
    organisations_receiving_for,
)
from juntos.opportunities.policies import referring_organisations_of
from juntos.opportunities.selectors import home_organisation_choices, referrals_for


def peers_for(actor: Actor) -> QuerySet[Peer]:
    """Every peer, for administrators; nothing for anyone else."""
    if not can_manage_peers(actor):
        return Peer.objects.none()
    return Peer.objects.select_related("approved_by")


def get_peer_for(actor: Actor, peer_id: int) -> Peer:
    peer = peers_for(actor).filter(pk=peer_id).first()
    if peer is None:
        raise Http404
    return peer


def approved_peers() -> QuerySet[Peer]:
    """The peers this instance fetches from and believes (for the system's own jobs)."""
    return Peer.objects.filter(status=PeerStatus.APPROVED)


def approved_peer_with_key(key_id: str) -> Peer | None:
    return approved_peers().filter(key_id=key_id).first()


def remote_vacancies() -> QuerySet[RemoteVacancy]:
    """Vacancies peers published and have not withdrawn, with the network each comes from."""
    return RemoteVacancy.objects.filter(
        withdrawn_at=None, peer__status=PeerStatus.APPROVED
    ).select_related("peer")


def get_remote_vacancy(vacancy_id: int) -> RemoteVacancy:
    found = remote_vacancies().filter(pk=vacancy_id).first()
    if found is None:
        raise Http404
    return found


def outbox_page(feed: str, after: int, size: int) -> list[OutboxItem]:
    return list(OutboxItem.objects.filter(feed=feed, pk__gt=after).order_by("pk")[:size])


def outbox_count(feed: str) -> int:
    return OutboxItem.objects.filter(feed=feed).count()


def inbox_keys() -> QuerySet[InboxKey]:
    """The organisations that take referrals from peers, with their public keys."""
    return InboxKey.objects.order_by("organisation_id")


def inbox_key_of(organisation_id: int) -> InboxKey | None:
    return InboxKey.objects.filter(organisation_id=organisation_id).first()


def remote_organisations_for(actor: Actor) -> QuerySet[RemoteOrganisation]:
    """Organisations of approved peers a caseworker may refer to."""
    if not can_send_referrals(actor):
        return RemoteOrganisation.objects.none()
    return RemoteOrganisation.objects.filter(peer__status=PeerStatus.APPROVED).select_related(
        "peer"
    )


def sent_referrals_for(actor: Actor, referral_ids: set[int]) -> QuerySet[SentReferral]:
    """What the actor's organisation sent to peers, among the given referrals."""
    if not referring_organisations_of(actor):
        return SentReferral.objects.none()
    return SentReferral.objects.filter(referral_id__in=referral_ids).select_related(
        "peer", "organisation"
    )


def received_referrals_for(actor: Actor) -> QuerySet[ReceivedReferral]:
    """Referrals peers sent to the actor's organisations (sealed; opened one at a time)."""
    return ReceivedReferral.objects.filter(
        organisation_id__in=organisations_receiving_for(actor)
    ).select_related("peer")


def get_received_referral_for(actor: Actor, referral_id: int) -> ReceivedReferral:
    found = received_referrals_for(actor).filter(pk=referral_id).first()
    if found is None:
        raise Http404
    return found


def home_organisations() -> list[tuple[int, str]]:
    """The organisations that take referrals, with their names."""
    return home_organisation_choices()


def referrals_to_send_for(actor: Actor) -> list[tuple[int, str]]:
    """The actor's organisation's referrals home, as choices (id and a label without names)."""
    own = referring_organisations_of(actor)
    rows = referrals_for(actor).filter(referring_organisation_id__in=own)
    return [
        (r.pk, f"#{r.pk} · {r.get_kind_display()} · {r.sent_on.isoformat()}") for r in rows[:200]
    ]
