"""The worker's pages: no account, no JavaScript, nothing that identifies her kept."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from juntos.core.privacy import anonymous_flow
from juntos.reports import selectors, services
from juntos.reports.attachments import MAX_FILES, AttachmentRejected, CleanFile, check_size
from juntos.reports.choices import INSPECTION_OUTCOME_FOR_WORKER, ReportCategory, report_source
from juntos.reports.forms import (
    CodeForm,
    ConsentAnswerForm,
    IntakeForm,
    WorkerAttachmentForm,
    WorkerMessageForm,
)

PREFILL = ("category", "province", "program", "employer_name", "details", "source")


def _initial(request: HttpRequest) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """Initial values other apps may pass in the query string (see interfaces)."""
    initial: dict[str, Any] = {
        name: request.GET.get(name, "")[:2000] for name in PREFILL if request.GET.get(name)
    }
    if "source" in initial:  # a channel name, or nothing: never a per-person tag
        initial["source"] = report_source(initial["source"])
    site = None
    if request.GET.get("employer_site", "").isdigit():
        site = selectors.employer_site_choice(int(request.GET["employer_site"]))
    if site:
        initial["employer_site"] = site[0]
    return initial, [site] if site else []


@anonymous_flow
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        initial, sites = _initial(request)
        return _intake_page(request, IntakeForm(initial=initial, site_choices=sites))
    sites = selectors.employer_site_choices(
        request.POST.get("employer_name", "")[:200], province=request.POST.get("province", "")[:2]
    )
    if request.POST.get("employer_site", "").isdigit():
        chosen = selectors.employer_site_choice(int(request.POST["employer_site"]))
        sites = [chosen, *(s for s in sites if s[0] != chosen[0])] if chosen else sites
    form = IntakeForm(request.POST, request.FILES, site_choices=sites)
    valid = form.is_valid()
    token = request.POST.get("held_files", "")[:64]
    new_files = form.cleaned_data.get("attachments") or []
    if "find_employer" in request.POST:
        # A step of the guide, not a submission: show the matches, keep the rest as typed.
        token, held, file_error = _hold(token, new_files)
        typed = {**_typed(form), "held_files": token}
        step = IntakeForm(initial=typed, site_choices=sites)
        return _intake_page(request, step, searched=True, held=held, file_error=file_error)
    if not valid:
        return _refused(request, form, *_hold(token, new_files))
    files = [*services.held_files_open(token), *new_files]
    if len(files) > MAX_FILES:
        too_many = _("Please send at most %(count)s files.") % {"count": MAX_FILES}
        return _refused(request, form, token, services.held_files_open(token), too_many)
    try:
        args = form.submission_args(language=get_language() or "en")
        submission = services.report_submit(**{**args, "files": files})
    except ValidationError as exc:
        form.add_error(None, exc)
        return _refused(request, form, *_hold(token, new_files))
    services.held_files_forget(token)
    return render(
        request,
        "reports/receipt.html",
        {
            "code": submission.receipt_code,
            "numeric_code": submission.numeric_code,
            "emergency": submission.report.is_emergency,
        },
    )


def _hold(token: str, files: list[CleanFile]) -> tuple[str, list[CleanFile], str]:
    """Seal the files this send brought for the next one: a browser never re-sends a chosen
    file, and without JavaScript "Find employer" sends the page again. Returns the token, every
    file held, and why a file was refused ("" if none)."""
    error = ""
    try:
        token = services.held_files_keep(token=token, files=files)
    except AttachmentRejected as exc:
        error = str(exc)
    return token, services.held_files_open(token), error


def _refused(
    request: HttpRequest, form: IntakeForm, token: str, held: list[CleanFile], file_error: str
) -> HttpResponse:
    """The page as sent, with its errors and the files held for it."""
    page = _with_token(form, token)
    return _intake_page(request, page, status=400, held=held, file_error=file_error)


def _with_token(form: IntakeForm, token: str) -> IntakeForm:
    """The bound form as sent, carrying the token of the files held for it."""
    data = QueryDict(mutable=True)
    data.update(form.data)
    data["held_files"] = token
    form.data = data
    return form


def _typed(form: IntakeForm) -> dict[str, Any]:
    skipped = ("attachments", "held_files")
    return {name: form.data.get(name, "") for name in form.fields if name not in skipped}


def _intake_page(
    request: HttpRequest,
    form: IntakeForm,
    *,
    status: int = 200,
    searched: bool = False,
    held: list[CleanFile] | None = None,
    file_error: str = "",
) -> HttpResponse:
    context = {
        "form": form,
        "searched": searched,
        "emergency": ReportCategory.EMERGENCY,
        "held_names": ", ".join(f.filename for f in held or []),
        "held_count": len(held or []),
        "file_error": file_error,
    }
    return render(request, "reports/intake.html", context, status=status)


@anonymous_flow
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "reports/status_lookup.html", {"form": CodeForm()})
    form = CodeForm(request.POST)
    if not form.is_valid():
        return render(request, "reports/status_lookup.html", {"form": form}, status=400)
    return _status_page(request, form.cleaned_data["code"], lookup_form=form)


def _rejected(
    request: HttpRequest, code: str, exc: services.ReceiptRejected, form: CodeForm | None = None
) -> HttpResponse:
    """Back to the code form, with the code as typed and the reason."""
    if form is None:
        form = CodeForm({"code": code})
        form.is_valid()
    form.add_error("code", str(exc))
    status = 429 if exc.throttled else 400
    return render(request, "reports/status_lookup.html", {"form": form}, status=status)


def _status_page(
    request: HttpRequest,
    code: str,
    *,
    lookup_form: CodeForm | None = None,
    message_form: WorkerMessageForm | None = None,
    attachment_form: WorkerAttachmentForm | None = None,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    try:
        opened = services.receipt_open(code=code)
    except services.ReceiptRejected as exc:
        return _rejected(request, code, exc, lookup_form)
    report = opened.report
    summary = selectors.status_summary(opened)
    thread = summary.thread
    context = {
        "report": report,
        "code": code,
        "organisation": summary.organisation,
        "thread": thread,
        # An inspectorate's question she has not answered yet, and what each one did.
        "asked_by": selectors.asked_for_more_by(thread),
        "inspections": [
            (referral, INSPECTION_OUTCOME_FOR_WORKER.get(referral.inspection_outcome, ""))
            for referral in selectors.inspections_of(report)
        ],
        "consents": summary.pending_consents,
        # What she sent and her files' names, for her to re-read by her code.
        "sent": opened.content,
        "file_names": selectors.attachment_names(opened),
        "message_form": message_form or WorkerMessageForm(initial={"code": code}),
        "attachment_form": attachment_form or WorkerAttachmentForm(initial={"code": code}),
        "notice": notice,
    }
    return render(request, "reports/status.html", context, status=status)


@anonymous_flow
@require_POST
def status_message(request: HttpRequest) -> HttpResponse:
    form = WorkerMessageForm(request.POST)
    code = request.POST.get("code", "")[:40]
    if not form.is_valid():
        return _status_page(request, code, message_form=form, status=400)
    try:
        services.worker_message_send(code=code, body=form.cleaned_data["body"])
    except services.ReceiptRejected as exc:
        return _rejected(request, code, exc)
    return _status_page(request, code, notice="sent")


@anonymous_flow
@require_POST
def status_attach(request: HttpRequest) -> HttpResponse:
    form = WorkerAttachmentForm(request.POST, request.FILES)
    code = request.POST.get("code", "")[:40]
    if not form.is_valid():
        return _status_page(request, code, attachment_form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        check_size(upload.size)  # before reading a byte of an oversized file
        services.worker_attachment_add(code=code, filename=upload.name, data=upload.read())
    except services.ReceiptRejected as exc:
        return _rejected(request, code, exc)
    except AttachmentRejected as exc:
        form.add_error("file", str(exc))
        return _status_page(request, code, attachment_form=form, status=400)
    return _status_page(request, code, notice="attached")


@anonymous_flow
@require_POST
def status_consent(request: HttpRequest) -> HttpResponse:
    form = ConsentAnswerForm(request.POST)
    code = request.POST.get("code", "")[:40]
    if not form.is_valid():
        return _status_page(request, code, status=400)
    try:
        services.consent_answer(
            code=code,
            consent_id=form.cleaned_data["consent"],
            give=form.cleaned_data["answer"] == "yes",
        )
    except services.ReceiptRejected as exc:
        return _rejected(request, code, exc)
    except ValidationError:
        return _status_page(request, code, notice="answered", status=400)
    return _status_page(request, code, notice="consent")
