"""Logging filters that keep client identity out of every log line."""

from __future__ import annotations

import logging


class DropClientIdentityFilter(logging.Filter):
    """Strips the request object from records, so no handler can print its headers."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        return True
