"""Referrals across networks: a caseworker sends, with the worker's consent, a referral to an
organisation of a peer; its body is sealed (HPKE) to that organisation's key and POSTed,
signed, to the peer's inbox. The receiving organisation opens it on its own instance."""

from __future__ import annotations

import base64
import json
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.federation import client
from juntos.federation.activities import CONTEXT, MEDIA_TYPE
from juntos.federation.choices import PeerStatus
from juntos.federation.keys import open_sealed, seal, signing_key
from juntos.federation.models import ReceivedReferral, RemoteOrganisation, SentReferral
from juntos.federation.policies import can_send_referrals, organisations_receiving_for
from juntos.federation.selectors import inbox_key_of
from juntos.federation.services._common import refuse_unless
from juntos.federation.services.keys import instance_key_current
from juntos.federation.services.sync import refusal_log, signature_remember
from juntos.federation.signatures import (
    INBOX_TAG,
    Refused,
    RequestMessage,
    ResponseMessage,
    public_key_of,
    sign,
    verify,
)
from juntos.opportunities.policies import referring_organisations_of
from juntos.opportunities.selectors import get_referral_for


def _payload(referral: object) -> bytes:
    """What the receiving organisation reads: only what the worker agreed to share."""
    fields = ("kind", "shared_fields", "shared_values", "note")
    body = {name: getattr(referral, name) for name in fields}
    body["consented_at"] = referral.consented_at.isoformat()  # type: ignore[attr-defined]
    body["from_network"] = settings.SITE_URL
    return json.dumps(body, ensure_ascii=False).encode()


def _post(organisation: RemoteOrganisation, activity: dict[str, object]) -> bool:
    """POST the signed activity; True when the peer took it and signed its answer."""
    peer = organisation.peer
    url = f"{peer.base_url}/federation/inbox"
    body = json.dumps(activity, separators=(",", ":")).encode()
    key = instance_key_current()
    request = RequestMessage("POST", url, {"Content-Type": MEDIA_TYPE})
    sign(request, body=body, key_id=key.key_id, key=signing_key(key), tag=INBOX_TAG)
    try:
        got = client.send("POST", url, headers=request.headers, body=body)
    except client.Unreachable:
        return False
    pinned = public_key_of(peer.public_key)
    answer = ResponseMessage(got.status, got.headers, request)
    try:
        verified = verify(
            answer,
            body=got.body,
            tag=INBOX_TAG,
            public_key=lambda kid: pinned if kid == peer.key_id else None,
            now=timezone.now(),
        )
        signature_remember(verified)
    except Refused as refusal:
        refusal_log("an inbox answer", peer.name, refusal.reason)
        return False
    return got.status == 202


def referral_send(
    *, actor: Actor, referral_id: int, organisation: RemoteOrganisation, consent: bool
) -> SentReferral:
    """Send one of the organisation's referrals to an organisation of an approved peer."""
    refuse_unless(can_send_referrals(actor))
    referral = get_referral_for(actor, referral_id)
    refuse_unless(referral.referring_organisation_id in referring_organisations_of(actor))
    if not consent:
        raise ValidationError(
            {"consent": [_("Send it only if the worker agreed that it goes to this network.")]}
        )
    if organisation.peer.status != PeerStatus.APPROVED:
        raise ValidationError({"organisation": [_("This network is not an approved peer.")]})
    activity_id = secrets.token_hex(16)
    sealed = seal(_payload(referral), organisation.public_key)
    activity: dict[str, object] = {
        "@context": CONTEXT,
        "id": activity_id,
        "type": "Offer",
        "actor": settings.SITE_URL,
        "object": {
            "type": "juntos:SealedReferral",
            "to": organisation.remote_id,
            "sealed": base64.b64encode(sealed).decode(),
        },
    }
    if not _post(organisation, activity):
        raise ValidationError(
            _("The other network did not take the referral. Nothing was sent; try again later.")
        )
    with transaction.atomic():
        row = SentReferral.objects.create(
            referral_id=referral.pk,
            peer=organisation.peer,
            organisation=organisation,
            activity_id=activity_id,
            sent_on=timezone.localdate(),
        )
        audit_record(
            actor=actor,
            action="federation.referral_sent",
            target=row,
            organisation_id=referral.referring_organisation_id,
            details={"peer": organisation.peer_id, "referral": referral.pk},
        )
    return row


def received_referral_open(*, actor: Actor, referral: ReceivedReferral) -> dict[str, object]:
    """Open a referral sent to the actor's organisation (decrypted in memory, audited)."""
    refuse_unless(referral.organisation_id in organisations_receiving_for(actor))
    key = inbox_key_of(referral.organisation_id)
    if key is None:
        raise ValidationError(
            _("This organisation's key is missing: the referral cannot be opened.")
        )
    body = json.loads(open_sealed(bytes(referral.sealed_body), key))
    audit_record(
        actor=actor,
        action="federation.referral_opened",
        target=referral,
        organisation_id=referral.organisation_id,
    )
    return body if isinstance(body, dict) else {}
