"""The reports API, for the SMS and WhatsApp channels: intake, status, messages, files, consent.

Same protections as the pages: identifying headers are scrubbed first, codes are checked and
rate-limited by the same service, and the code travels in the body, never in a URL.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import translation
from ninja import File, Form, Router, Schema, UploadedFile
from ninja.responses import Status

from juntos.core.privacy import scrub_client_identity
from juntos.reports import selectors, services
from juntos.reports.attachments import AttachmentRejected, check_size
from juntos.reports.choices import INSPECTION_OUTCOME_FOR_WORKER, ContactMode
from juntos.reports.forms import IntakeApiForm

router = Router(tags=["reports"])


class IntakeIn(Schema):
    category: str
    details: str
    language: str = "en"
    province: str = ""
    program: str = ""
    incident_month: str = ""  # YYYY-MM, one of the last 24 months
    employer_site_id: int | None = None
    employer_name: str = ""
    contact_mode: str = ContactMode.ANONYMOUS
    contact_channel: str = ""
    contact_address: str = ""
    contact_name: str = ""


class ReceiptOut(Schema):
    receipt_code: str
    numeric_code: str  # the phone code, 30 digits in groups of five, for the voice line
    stage: str
    emergency: bool


class CodeIn(Schema):
    code: str


class MessageIn(CodeIn):
    body: str


class ConsentIn(CodeIn):
    consent_id: uuid.UUID
    agree: bool


class MessageOut(Schema):
    sender: str  # "worker", "staff" or "inspector"
    organisation: str
    body: str
    sent_on: dt.date
    asks_more: bool  # the inspectorate asks the worker for more information


class InspectionOut(Schema):
    inspectorate: str
    outcome: str  # "" until the inspectorate records one
    outcome_text: str  # the outcome in plain words, in the report's language
    outcome_on: dt.date | None


class ConsentOut(Schema):
    id: uuid.UUID
    asked_by: str
    inspectorate: str


class StatusOut(Schema):
    stage: str
    received_on: dt.date
    organisation: str
    files: int
    messages: list[MessageOut]
    pending_consents: list[ConsentOut]
    inspections: list[InspectionOut]


class ErrorOut(Schema):
    detail: str
    fields: dict[str, list[str]] = {}


def _error(exc: ValidationError) -> dict[str, Any]:
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return {"detail": " ".join(exc.messages), "fields": fields}


# The page's field names where the API names them differently.
API_FIELD = {"employer_site": "employer_site_id"}


def _intake_form(payload: IntakeIn) -> IntakeApiForm:
    """The page's own form, filled from the JSON body: one validation path for both."""
    site_id = payload.employer_site_id
    site = selectors.employer_site_choice(site_id) if site_id is not None else None
    data = {
        **payload.model_dump(exclude={"employer_site_id"}),
        "employer_site": "" if site_id is None else str(site_id),
    }
    return IntakeApiForm(data, site_choices=[site] if site else [])


def _form_error(form: IntakeApiForm) -> dict[str, Any]:
    fields = {
        API_FIELD.get(name, name): [str(message) for message in messages]
        for name, messages in form.errors.items()
    }
    detail = " ".join(message for messages in fields.values() for message in messages)
    return {"detail": detail, "fields": fields}


def _message_language(request: HttpRequest, payload: IntakeIn) -> str:
    """Messages in the report's language, or the request's when that is not one we speak."""
    if payload.language in dict(settings.LANGUAGES):
        return payload.language
    return translation.get_language_from_request(request)


@router.post("/intake", response={201: ReceiptOut, 400: ErrorOut}, summary="Submit a report")
def intake(request: HttpRequest, payload: IntakeIn) -> Status[dict[str, Any]]:
    scrub_client_identity(request)
    with translation.override(_message_language(request, payload)):
        form = _intake_form(payload)
        if not form.is_valid():
            return Status(400, _form_error(form))
        try:
            submission = services.report_submit(
                **form.submission_args(language=form.cleaned_data["language"], source="api")
            )
        except ValidationError as exc:
            return Status(400, _error(exc))
    report = submission.report
    return Status(
        201,
        {
            "receipt_code": submission.receipt_code,
            "numeric_code": submission.numeric_code,
            "stage": report.stage,
            "emergency": report.is_emergency,
        },
    )


def _outcome_text(outcome: str, language: str) -> str:
    with translation.override(language):
        return str(INSPECTION_OUTCOME_FOR_WORKER.get(outcome, ""))


def _opened(request: HttpRequest, code: str) -> Any:
    scrub_client_identity(request)
    return services.receipt_open(code=code)


def _rejected(exc: services.ReceiptRejected) -> Status[dict[str, Any]]:
    return Status((429 if exc.throttled else 404), {"detail": str(exc), "fields": {}})


@router.post(
    "/status",
    response={200: StatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="The stage and messages of a report, by receipt code",
)
def status(request: HttpRequest, payload: CodeIn) -> Status[dict[str, Any]]:
    try:
        opened = _opened(request, payload.code)
    except services.ReceiptRejected as exc:
        return _rejected(exc)
    report = opened.report
    summary = selectors.status_summary(opened)
    return Status(
        200,
        {
            "stage": report.stage,
            "received_on": report.received_on,
            "organisation": summary.organisation,
            "files": selectors.attachment_count(report),
            "messages": [m.__dict__ for m in summary.thread],
            "pending_consents": [
                {"id": c.pk, "asked_by": c.asked_by.name, "inspectorate": c.inspectorate.name}
                for c in summary.pending_consents
            ],
            "inspections": [
                {
                    "inspectorate": r.to_organisation.name,
                    "outcome": r.inspection_outcome,
                    "outcome_text": _outcome_text(r.inspection_outcome, report.language),
                    "outcome_on": r.inspection_outcome_on,
                }
                for r in selectors.inspections_of(report)
            ],
        },
    )


@router.post(
    "/messages",
    response={201: dict, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="Write to the caseworkers, by receipt code",
)
def message(request: HttpRequest, payload: MessageIn) -> Status[dict[str, Any]]:
    scrub_client_identity(request)
    try:
        services.worker_message_send(code=payload.code, body=payload.body)
    except services.ReceiptRejected as exc:
        return _rejected(exc)
    except ValidationError as exc:
        return Status(400, _error(exc))
    return Status(201, {"sent": True})


@router.post(
    "/consents",
    response={200: dict, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="Answer a consent request, by receipt code",
)
def consent(request: HttpRequest, payload: ConsentIn) -> Status[dict[str, Any]]:
    scrub_client_identity(request)
    try:
        services.consent_answer(
            code=payload.code, consent_id=payload.consent_id, give=payload.agree
        )
    except services.ReceiptRejected as exc:
        return _rejected(exc)
    except ValidationError as exc:
        return Status(400, _error(exc))
    return Status(200, {"answered": True})


@router.post(
    "/attachments",
    response={201: dict, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="Add a photo or PDF to a report, by receipt code (multipart form)",
)
def attachment(
    request: HttpRequest, code: Form[str], file: File[UploadedFile]
) -> Status[dict[str, Any]]:
    scrub_client_identity(request)
    try:
        check_size(file.size or 0)  # before reading a byte of an oversized file
        services.worker_attachment_add(code=code, filename=file.name or "", data=file.read())
    except services.ReceiptRejected as exc:
        return _rejected(exc)
    except AttachmentRejected as exc:
        return Status(400, {"detail": str(exc), "fields": {"file": [str(exc)]}})
    return Status(201, {"added": True})
