"""Sealing report content under the report's data key, and wrapping that key per organisation.

Contexts bind each ciphertext to its report and field, so a sealed value copied onto another
row (or another field) fails to open.
"""

from __future__ import annotations

import json
from typing import Any

from juntos.core import crypto
from juntos.reports.models import Report, ReportKey


def wrap_purpose(organisation_id: int) -> str:
    return f"org:{organisation_id}"


def key_wrap(data_key: bytes, organisation_id: int) -> tuple[int, bytes]:
    """Wrap a report key for one organisation under the newest keyring version."""
    return crypto.wrap_key(data_key, purpose=wrap_purpose(organisation_id))


def key_unwrap(report_key: ReportKey) -> bytes:
    """The report's data key, opened with the organisation's wrapping key."""
    return crypto.unwrap_key(
        bytes(report_key.wrapped_key),
        purpose=wrap_purpose(report_key.organisation_id),
        version=report_key.key_version,
    )


def seal(data_key: bytes, report_id: Any, field: str, text: str) -> bytes:
    return crypto.encrypt(data_key, text.encode(), context=f"report:{report_id}:{field}")


def open_sealed(data_key: bytes, report_id: Any, field: str, sealed: bytes | memoryview) -> str:
    return crypto.decrypt(data_key, bytes(sealed), context=f"report:{report_id}:{field}").decode()


def seal_bytes(data_key: bytes, report_id: Any, field: str, data: bytes) -> bytes:
    return crypto.encrypt(data_key, data, context=f"report:{report_id}:{field}")


def open_bytes(data_key: bytes, report_id: Any, field: str, sealed: bytes | memoryview) -> bytes:
    return crypto.decrypt(data_key, bytes(sealed), context=f"report:{report_id}:{field}")


def content_of(data_key: bytes, report: Report) -> dict[str, Any]:
    """The sealed content of a report: details, employer_name, employer_site_id."""
    return dict(json.loads(open_sealed(data_key, report.pk, "content", report.sealed_content)))


def contact_of(data_key: bytes, report: Report) -> dict[str, str]:
    if not report.sealed_contact:
        return {}
    return dict(json.loads(open_sealed(data_key, report.pk, "contact", report.sealed_contact)))
