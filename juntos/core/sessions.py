"""The session store: Django's database sessions, read with SQL compiled once per connection.

`SESSION_ENGINE = "juntos.core.sessions"`. Sessions live in the database as with Django's own
store (a log-out, a password change or "sign out everywhere" ends them at once, on every
process); only the read of the session on each request is cheaper: its SQL is compiled once per
connection (see `core.compiled`), and the signature of a session's data is checked once per
process while the data stays the same (Django checks it on every request).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.core.signals import setting_changed
from django.utils import timezone

from juntos.core.compiled import CompiledLookup

_by_key = CompiledLookup(
    Session, "session_key", lambda key: Session.objects.filter(session_key=key)
)


# Session data whose signature held, as the JSON it carries: decoding it again is a fresh dict
# (the store changes its own) at a tenth of the cost of checking the signature. Keyed by the
# stored text itself, so a changed session, and any other text, is checked as Django checks it.
_VERIFIED_MOST = 4096
_verified: dict[str | bytes, str] = {}


def _forget_verified(*, setting: str, **kwargs: object) -> None:
    if setting in {"SECRET_KEY", "SECRET_KEY_FALLBACKS", "SESSION_SERIALIZER"}:
        _verified.clear()


setting_changed.connect(_forget_verified)


class SessionStore(db.SessionStore):
    def decode(self, session_data: bytes | str) -> dict[str, Any]:
        known = _verified.get(session_data)
        if known is not None:
            decoded: dict[str, Any] = json.loads(known)
            return decoded
        decoded = super().decode(session_data)
        if decoded:  # an empty dict: a bad signature or no data, never remembered
            if len(_verified) >= _VERIFIED_MOST:  # the oldest goes first
                _verified.pop(next(iter(_verified), ""), None)
            _verified[session_data] = json.dumps(decoded)
        return decoded

    def _get_session_from_db(self) -> Session | None:
        try:
            found = _by_key(self.session_key)
        except SuspiciousOperation as error:
            logging.getLogger(f"django.security.{type(error).__name__}").warning(str(error))
            found = []
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
