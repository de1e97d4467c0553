"""The session store: Django's database sessions, read with SQL compiled once per connection.

`SESSION_ENGINE = "juntos.core.sessions"`. Sessions live in the database as with Django's own
store (a log-out, a password change or "sign out everywhere" ends them at once, on every
process); only the read of the session on each request is cheaper (see `core.compiled`).
"""

from __future__ import annotations

import logging

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from juntos.core.compiled import CompiledLookup

_by_key = CompiledLookup(
    Session, "session_key", lambda key: Session.objects.filter(session_key=key)
)


class SessionStore(db.SessionStore):
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
