"""Every write of the evaluations app (opening a sealed evaluation is one too: it is audited)."""

from juntos.evaluations.services.keys import (
    MIN_PASSPHRASE,
    TOO_MANY_ATTEMPTS,
    WRONG_PASSPHRASE,
    liaison_key_create,
    liaison_lock,
    liaison_unlock,
    unlocks_purge_expired,
)
from juntos.evaluations.services.sealed import (
    OpenedEvaluation,
    evaluation_open,
    evaluation_submit,
    rehire_not_named_raise,
    rehire_watch_start,
)

__all__ = [
    "MIN_PASSPHRASE",
    "TOO_MANY_ATTEMPTS",
    "WRONG_PASSPHRASE",
    "OpenedEvaluation",
    "evaluation_open",
    "evaluation_submit",
    "liaison_key_create",
    "liaison_lock",
    "liaison_unlock",
    "rehire_not_named_raise",
    "rehire_watch_start",
    "unlocks_purge_expired",
]
