"""Writes of peers: an administrator registers another instance with its pinned key, then
approves or suspends it."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.federation.choices import PeerStatus
from juntos.federation.models import Peer
from juntos.federation.policies import can_manage_peers
from juntos.federation.services._common import refuse_unless
from juntos.federation.signatures import public_key_of


def _clean_base_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.query or parts.fragment:
        raise ValidationError(
            {"base_url": [_("Give the instance's address, like https://juntos.example.org.")]}
        )
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


@transaction.atomic
def peer_register(*, actor: Actor, name: str, base_url: str, key_id: str, public_key: str) -> Peer:
    """A peer waiting for approval: its address, key id and the public key to pin."""
    refuse_unless(can_manage_peers(actor))
    errors: dict[str, list[str]] = {}
    if public_key_of(public_key) is None:
        errors["public_key"] = [
            str(_("Paste the peer's Ed25519 public key: 44 characters of base64."))
        ]
    if not key_id.strip():
        errors["key_id"] = [str(_("Give the key id the peer signs with."))]
    base = _clean_base_url(base_url)
    if Peer.objects.filter(base_url=base).exists():
        errors["base_url"] = [str(_("This instance is already a peer."))]
    if Peer.objects.filter(key_id=key_id.strip()).exists():
        errors["key_id"] = [str(_("Another peer already signs with this key id."))]
    if errors:
        raise ValidationError(errors)
    peer = Peer.objects.create(
        name=name.strip(), base_url=base, key_id=key_id.strip(), public_key=public_key.strip()
    )
    audit_record(
        actor=actor,
        action="federation.peer_registered",
        target=peer,
        details={"base_url": base, "key_id": peer.key_id},
    )
    return peer


@transaction.atomic
def peer_set_status(*, actor: Actor, peer: Peer, status: str) -> Peer:
    """Approve a peer (it is fetched from and believed) or suspend it (it is not)."""
    refuse_unless(can_manage_peers(actor))
    if status not in {PeerStatus.APPROVED, PeerStatus.SUSPENDED}:
        raise ValidationError(_("Choose approve or suspend."))
    peer = Peer.objects.select_for_update().get(pk=peer.pk)
    peer.status = status
    if status == PeerStatus.APPROVED:
        peer.approved_by_id = actor.pk
        peer.approved_at = timezone.now()
    peer.save(update_fields=["status", "approved_by", "approved_at"])
    audit_record(
        actor=actor,
        action=f"federation.peer_{status}",
        target=peer,
        details={"key_id": peer.key_id},
    )
    return peer
