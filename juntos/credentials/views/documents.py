"""Public, language-free documents: the did:web document, JWKS, status lists, SKOS, short links."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from juntos.credentials import documents, selectors
from juntos.credentials.services import issuer_key_current
from juntos.credentials.signing import private_key
from juntos.credentials.turtle import equivalences_turtle

PURPOSES = ("revocation", "suspension")


def _cached(response: HttpResponse, seconds: int) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={seconds}"
    response["Access-Control-Allow-Origin"] = "*"  # verifiers elsewhere read these
    return response


@require_GET
def did_json(request: HttpRequest) -> HttpResponse:
    issuer_key_current()  # a fresh site publishes its first key before it signs anything
    body = documents.did_document(selectors.issuer_keys())
    return _cached(JsonResponse(body, content_type="application/did+json"), 3600)


@require_GET
def jwks_json(request: HttpRequest) -> HttpResponse:
    issuer_key_current()
    body = documents.jwks(selectors.issuer_keys())
    return _cached(JsonResponse(body, content_type="application/jwk-set+json"), 3600)


@require_GET
def status_list(request: HttpRequest, number: int, purpose: str) -> HttpResponse:
    """The signed BitstringStatusListCredential (a VC-JWT), cacheable for its ttl."""
    row = selectors.status_list(number)
    if row is None or purpose not in PURPOSES:
        raise Http404
    document = documents.status_list_document(
        number, purpose, row.size, selectors.set_indexes(row.pk, purpose), timezone.now()
    )
    key = issuer_key_current()
    token = documents.sign_status_list(document, private_key(key), key.kid)
    response = HttpResponse(token, content_type="application/vc+jwt")
    return _cached(response, documents.STATUS_LIST_TTL)


@require_GET
def turtle(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        equivalences_turtle(selectors.all_equivalences()), content_type="text/turtle; charset=utf-8"
    )
    return _cached(response, 3600)


def _language(request: HttpRequest) -> str:
    return translation.get_language_from_request(request)


@require_GET
def short_link(request: HttpRequest, short_id: str) -> HttpResponse:
    """The QR code's short URL: on to the verify page in the reader's language."""
    with translation.override(_language(request)):
        return redirect("credentials:verify_short", short_id=short_id[:16])


@require_GET
def standard_link(request: HttpRequest, framework: str, code: str) -> HttpResponse:
    with translation.override(_language(request)):
        return redirect("credentials:standard", framework=framework, code=code[:60])
