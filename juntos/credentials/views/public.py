"""Public pages: the standards and their equivalences, and the verify page (no JavaScript)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from juntos.core.memory import ShortMemory
from juntos.credentials import selectors
from juntos.credentials.forms import VerifyForm
from juntos.credentials.verification import (
    MAX_TOKEN_BYTES,
    NOT_VALID,
    TOO_LARGE,
    Outcome,
    verify_token,
)

# Room for the form fields and multipart framing around a credential at the size limit.
MAX_BODY_BYTES = MAX_TOKEN_BYTES * 2 + 4096


@require_GET
def standards(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "credentials/standards.html",
        {"frameworks": selectors.frameworks_with_standards()},
    )


@require_GET
def standard(request: HttpRequest, framework: str, code: str) -> HttpResponse:
    found = selectors.get_standard(framework, code)
    return render(
        request,
        "credentials/standard.html",
        {"standard": found, "mappings": selectors.mappings_of(found.pk)},
    )


# What a standard corresponds to in the other country, as the verify pages write it: the same
# for every reader of one language (public reference data), so each process writes it once per
# standard and language, for as long as it remembers the mappings themselves.
_abroad: ShortMemory[SafeString] = ShortMemory(seconds=selectors.REFERENCE_MEMORY_SECONDS)


def _abroad_html(standard_id: int) -> SafeString:
    key = (selectors.reference_generation(), get_language(), standard_id)
    found = _abroad.get(key)
    if found is not None:
        return found
    mappings = selectors.mappings_of(standard_id)
    html = render_to_string("credentials/_abroad.html", {"mappings": mappings})
    return _abroad.put(key, mark_safe(html))  # noqa: S308 - a rendered template


def result_context(outcome: Outcome) -> dict[str, Any]:
    """What the verify page shows for an outcome: the standard and its mappings abroad."""
    found = selectors.standard_for_achievement(outcome.achievement_id)
    abroad = _abroad_html(found.pk) if found else ""
    return {"outcome": outcome, "standard": found, "abroad": abroad}


def _verify_page(request: HttpRequest, form: VerifyForm, outcome: Outcome | None) -> HttpResponse:
    context: dict[str, Any] = {"form": form}
    if outcome is not None:
        context.update(result_context(outcome))
    status = 200 if outcome is None or outcome.state != NOT_VALID else 422
    return render(request, "credentials/verify.html", context, status=status)


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _verify_page(request, VerifyForm(), None)
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
        return _verify_page(request, VerifyForm(), Outcome(NOT_VALID, TOO_LARGE))
    form = VerifyForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "credentials/verify.html", {"form": form}, status=400)
    upload = form.cleaned_data.get("file")
    raw = upload.read(MAX_TOKEN_BYTES + 1) if upload is not None else form.cleaned_data["token"]
    outcome = verify_token(raw, selectors.SiteSources(), selectors.now())
    # A credential read and checked leaves the form empty for the next one; one that could not
    # be read keeps what was pasted, to be corrected.
    return _verify_page(request, form if outcome.state == NOT_VALID else VerifyForm(), outcome)


@require_GET
def verify_short(request: HttpRequest, short_id: str) -> HttpResponse:
    """The page a QR code opens: the credential checked as anyone would check it."""
    credential = selectors.get_credential_by_short_id(short_id)
    if credential is None:
        raise Http404
    outcome = verify_token(credential.token, selectors.SiteSources(), selectors.now())
    return render(request, "credentials/verify_result.html", result_context(outcome))


@require_GET
def shared(request: HttpRequest, token: str) -> HttpResponse:
    """A share link: the credential she chose to show, checked, and its JSON to download."""
    credential = selectors.get_shared_credential(token)
    outcome = verify_token(credential.token, selectors.SiteSources(), selectors.now())
    context = {**result_context(outcome), "shared_token": credential.token}
    return render(request, "credentials/verify_result.html", context)
