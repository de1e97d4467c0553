"""The worker's side: submitting a report, and using it by receipt code."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from juntos.accounts.actors import SignedIn
from juntos.accounts.choices import Role
from juntos.accounts.selectors import people_with_role
from juntos.core import crypto
from juntos.core.ratelimit import rate_hit
from juntos.core.services import audit_record, fact_record, notify_person
from juntos.reports import sealing
from juntos.reports.attachments import MAX_FILES, CleanFile
from juntos.reports.choices import ContactMode, MessageSender, ReportCategory, report_source
from juntos.reports.models import Attachment, Message, Report, ReportKey
from juntos.reports.selectors import (
    OpenedReport,
    on_call_user_ids,
    report_by_receipt_hash,
    routing_organisation_ids,
)
from juntos.reports.services._common import queue_link, today

CODE_CHARACTERS = 20
# The phone code: 30 digits carry 99.7 bits, as strong as the 100 of the letter code.
NUMERIC_DIGITS = 30
MAX_ATTACHMENTS_PER_REPORT = 10


class ReceiptRejected(Exception):
    """A code that opens nothing; the message says why, in the person's language."""

    def __init__(self, message: str, *, throttled: bool = False) -> None:
        super().__init__(message)
        self.throttled = throttled


@dataclass(frozen=True)
class Submission:
    receipt_code: str
    report: Report
    numeric_code: str = ""  # the same report's code for a phone keypad, in groups of five


def _worker_key(normalised_code: str) -> bytes:
    # Derived with the server's hash key, so the database and a code are both needed.
    return bytes.fromhex(crypto.keyed_hash("receipt-key", normalised_code))


def _numeric_key(digits: str) -> bytes:
    return bytes.fromhex(crypto.keyed_hash("receipt-numeric-key", digits))


def numeric_code_new() -> str:
    """30 random digits in six groups of five, to type on a phone's keypad."""
    digits = "".join(secrets.choice("0123456789") for _ in range(NUMERIC_DIGITS))
    return " ".join(digits[i : i + 5] for i in range(0, NUMERIC_DIGITS, 5))


def _validate(
    *, category: str, details: str, files: list[CleanFile], contact_mode: str, contact_address: str
) -> None:
    errors: dict[str, str] = {}
    if category not in ReportCategory.values:
        errors["category"] = _("Please choose what happened.")
    if not details.strip():
        errors["details"] = _("Please tell us in a few words what happened.")
    if contact_mode == ContactMode.CONFIDENTIAL and not contact_address.strip():
        errors["contact_address"] = _(
            "Please tell us how to reach you, or choose not to be contacted."
        )
    if len(files) > MAX_FILES:
        errors["files"] = _("Please send at most %(count)s files.") % {"count": MAX_FILES}
    if errors:
        raise ValidationError(errors)


def report_submit(
    *,
    category: str,
    details: str,
    language: str,
    province: str = "",
    program: str = "",
    incident_month: dt.date | None = None,
    employer_site_id: int | None = None,
    employer_name: str = "",
    contact_mode: str = ContactMode.ANONYMOUS,
    contact_channel: str = "",
    contact_address: str = "",
    contact_name: str = "",
    source: str = "",
    files: list[CleanFile] | None = None,
) -> Submission:
    """Seal and store a new anonymous report, route it, and return its receipt code once."""
    files = files or []
    _validate(
        category=category,
        details=details,
        files=files,
        contact_mode=contact_mode,
        contact_address=contact_address,
    )
    code, numeric, data_key = crypto.random_code(), numeric_code_new(), crypto.new_key()
    report = Report(
        id=uuid.uuid4(),
        received_on=today(),
        last_worker_activity_on=today(),
        category=category,
        province=province,
        program=program,
        language=language,
        incident_month=incident_month.replace(day=1) if incident_month else None,
        contact_mode=contact_mode,
        source=report_source(source),
    )
    _seal_content(
        report,
        data_key,
        code,
        details=details,
        employer_name=employer_name,
        site_id=employer_site_id,
    )
    _seal_numeric(report, data_key, numeric)
    if contact_mode == ContactMode.CONFIDENTIAL:
        contact = {
            "channel": contact_channel,
            "address": contact_address.strip(),
            "name": contact_name.strip(),
        }
        report.sealed_contact = sealing.seal(data_key, report.pk, "contact", json.dumps(contact))
    with transaction.atomic():
        _store(report, data_key, files)
    return Submission(receipt_code=code, report=report, numeric_code=numeric)


def _seal_numeric(report: Report, data_key: bytes, numeric: str) -> None:
    digits = numeric.replace(" ", "")
    report.numeric_hash = crypto.keyed_hash("receipt-numeric", digits)
    report.numeric_wrapped_key = crypto.encrypt(
        _numeric_key(digits), data_key, context=f"worker-numeric:{report.pk}"
    )


def _seal_content(
    report: Report,
    data_key: bytes,
    code: str,
    *,
    details: str,
    employer_name: str,
    site_id: int | None,
) -> None:
    """Seal what she wrote; fingerprint the code and the site; wrap the key for her code."""
    normal = crypto.normalise_code(code)
    content = {
        "details": details.strip(),
        "employer_name": employer_name.strip(),
        "employer_site_id": site_id,
    }
    report.sealed_content = sealing.seal(data_key, report.pk, "content", json.dumps(content))
    report.receipt_hash = crypto.keyed_hash("receipt", normal)
    report.site_hash = crypto.keyed_hash("report-site", str(site_id)) if site_id else ""
    report.worker_wrapped_key = crypto.encrypt(
        _worker_key(normal), data_key, context=f"worker:{report.pk}"
    )


def _store(report: Report, data_key: bytes, files: list[CleanFile]) -> None:
    """Save, route (one wrapped key per organisation), audit, count, and alert if urgent."""
    report.save(force_insert=True)
    organisation_ids = routing_organisation_ids(
        province=report.province, language=report.language, category=report.category
    )
    _keys_create(report, data_key, organisation_ids)
    _attachments_create(report, data_key, files)
    audit_record(
        actor=None,
        action="reports.report_received",
        target=report,
        anonymous=True,
        details={"category": report.category, "files": len(files)},
    )
    fact_record(
        kind="reports.received",
        month=report.received_on,
        province=report.province,
        program=report.program,
        category=report.category,
    )
    if report.is_emergency:
        _alert_on_call(organisation_ids)


def _keys_create(report: Report, data_key: bytes, organisation_ids: list[int]) -> None:
    rows = []
    for organisation_id in organisation_ids:
        version, wrapped = sealing.key_wrap(data_key, organisation_id)
        rows.append(
            ReportKey(
                report=report,
                organisation_id=organisation_id,
                role="recipient",
                key_version=version,
                wrapped_key=wrapped,
            )
        )
    ReportKey.objects.bulk_create(rows)


def _attachments_create(report: Report, data_key: bytes, files: list[CleanFile]) -> None:
    rows = []
    for clean in files:
        attachment_id = uuid.uuid4()
        rows.append(
            Attachment(
                id=attachment_id,
                report=report,
                content_type=clean.content_type,
                size=len(clean.data),
                sealed_name=sealing.seal(
                    data_key, report.pk, f"name:{attachment_id}", clean.filename
                ),
                sealed_data=sealing.seal_bytes(
                    data_key, report.pk, f"file:{attachment_id}", clean.data
                ),
                added_on=today(),
            )
        )
    Attachment.objects.bulk_create(rows)


def _alert_on_call(organisation_ids: list[int]) -> None:
    """Emergencies reach the on-call caseworkers at once (every caseworker if none is on call)."""
    for organisation_id in organisation_ids:
        staff = list(people_with_role(organisation_id, {Role.CASEWORKER, Role.SUPERVISOR}))
        on_call = on_call_user_ids(organisation_id)
        for person in [p for p in staff if p.pk in on_call] or staff:
            _alert(person)


def _alert(person: SignedIn) -> None:
    notify_person(
        person,
        lambda: (
            _("Emergency report"),
            _("Emergency report received. A worker may be in danger. Open the queue now: %(url)s")
            % {"url": queue_link()},
        ),
    )


# Wrong receipt codes. A code carries 100 bits, so guessing one is hopeless whatever the rate:
# the counter is defence in depth, and it must never become a way to lock owners out. So a
# right code always opens, even while wrong codes are being refused; past the limit, only
# wrong and malformed codes get the "wait" answer. Nothing about the asker is counted (this
# flow keeps no address), and no part of any code reaches the counter.


def _wrong_code(message: str) -> ReceiptRejected:
    window = settings.JUNTOS_REPORTS_CODE_WINDOW_SECONDS
    failures = rate_hit("reports-code-global", "all", window_seconds=window)
    if failures > settings.JUNTOS_REPORTS_CODE_FAILURES_GLOBAL:
        return ReceiptRejected(
            _("Too many tries with a wrong code. Please wait %(minutes)s minutes and try again.")
            % {"minutes": max(1, window // 60)},
            throttled=True,
        )
    return ReceiptRejected(message)


def receipt_open(*, code: str) -> OpenedReport:
    """The report a receipt code opens; a right code always opens, wrong ones are slowed."""
    normal = crypto.normalise_code(code or "")
    compact = normal.replace("-", "")
    if len(compact) != CODE_CHARACTERS or not set(compact) <= set(crypto.CODE_ALPHABET):
        raise _wrong_code(
            _(
                "A receipt code has 20 letters and numbers, in five groups of four "
                "(like ABCD-1234-…). Please check what you typed."
            )
        )
    report = report_by_receipt_hash(crypto.keyed_hash("receipt", normal))
    if report is None:
        raise _wrong_code(
            _(
                "No report has this code. Please check it and try again. "
                "A lost code cannot be recovered."
            )
        )
    data_key = crypto.decrypt(
        _worker_key(normal), bytes(report.worker_wrapped_key), context=f"worker:{report.pk}"
    )
    return OpenedReport(report=report, key=None, worker_key=data_key)


def receipt_open_numeric(*, digits: str) -> OpenedReport:
    """The report a phone code opens (typed on a keypad); throttled as the letter code is."""
    typed = "".join(ch for ch in (digits or "")[:100] if ch in "0123456789")
    if len(typed) != NUMERIC_DIGITS:
        raise _wrong_code(_("A phone code has 30 digits. Please check what you typed."))
    report = (
        Report.objects.filter(numeric_hash=crypto.keyed_hash("receipt-numeric", typed))
        .exclude(numeric_hash="")
        .first()
    )
    if report is None or report.numeric_wrapped_key is None:
        raise _wrong_code(_("No report has this phone code. Please check it and try again."))
    data_key = crypto.decrypt(
        _numeric_key(typed),
        bytes(report.numeric_wrapped_key),
        context=f"worker-numeric:{report.pk}",
    )
    return OpenedReport(report=report, key=None, worker_key=data_key)


def message_append(
    *, opened: OpenedReport, sender: str, body: str, organisation_id: int | None
) -> Message:
    """Add a sealed message at the end of the report's thread (caller holds the transaction)."""
    report = Report.objects.select_for_update().get(pk=opened.report.pk)
    last = report.messages.aggregate(last=Max("position"))["last"] or 0
    message_id = uuid.uuid4()
    return Message.objects.create(
        id=message_id,
        report=report,
        position=last + 1,
        sender=sender,
        organisation_id=organisation_id,
        sealed_body=sealing.seal(opened.data_key, report.pk, f"message:{message_id}", body.strip()),
        sent_on=today(),
    )


def worker_message_send(*, code: str, body: str) -> None:
    """The worker writes to the caseworkers by her code."""
    if not body.strip():
        raise ValidationError({"body": _("Please write a message.")})
    opened = receipt_open(code=code)
    with transaction.atomic():
        message_append(
            opened=opened, sender=MessageSender.WORKER, body=body[:5000], organisation_id=None
        )
        Report.objects.filter(pk=opened.report.pk).update(last_worker_activity_on=today())
        audit_record(
            actor=None, action="reports.worker_message", target=opened.report, anonymous=True
        )


def worker_attachment_add(*, code: str, filename: str, data: bytes) -> None:
    """The worker adds a photo or document to her report, by her code.

    Raises ReceiptRejected for a wrong code (counted and slowed down like any other) and
    AttachmentRejected when the file itself cannot be accepted.
    """
    from juntos.reports.attachments import AttachmentRejected, clean_file

    opened = receipt_open(code=code)
    clean = clean_file(filename=filename, data=data)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=opened.report.pk)
        if report.attachments.count() >= MAX_ATTACHMENTS_PER_REPORT:
            raise AttachmentRejected(_("This report already has as many files as it can hold."))
        _attachments_create(report, opened.data_key, [clean])
        Report.objects.filter(pk=report.pk).update(last_worker_activity_on=today())
        audit_record(actor=None, action="reports.attachment_added", target=report, anonymous=True)


def report_attach_document_by_code(
    *, receipt_code: str, filename: str, content_type: str, data: bytes
) -> bool:
    """Attach a document (cleaned, sealed) to the report with this code; False for an unknown code.

    Raises AttachmentRejected when the file itself cannot be accepted. `content_type` is only a
    hint: the type is read from the bytes.
    """
    try:
        worker_attachment_add(code=receipt_code, filename=filename, data=data)
    except ReceiptRejected:
        return False
    return True
