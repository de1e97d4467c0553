"""Every write of the federation app."""

from juntos.federation.services.keys import (
    inbox_keys_ensure,
    instance_key_current,
    instance_key_rotate,
)
from juntos.federation.services.outbox import outbox_refresh
from juntos.federation.services.peers import peer_register, peer_set_status
from juntos.federation.services.referrals import received_referral_open, referral_send
from juntos.federation.services.sync import (
    SyncResult,
    inbox_receive,
    peer_sync,
    signatures_forget,
)

__all__ = [
    "SyncResult",
    "inbox_keys_ensure",
    "inbox_receive",
    "instance_key_current",
    "instance_key_rotate",
    "outbox_refresh",
    "peer_register",
    "peer_set_status",
    "peer_sync",
    "received_referral_open",
    "referral_send",
    "signatures_forget",
]
