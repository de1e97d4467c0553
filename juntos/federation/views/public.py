"""Language-free documents for peers: the feeds, the organisations that take referrals, the
instance's public key, and the inbox. Every answer is signed (RFC 9421) with its digest."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from juntos.federation import activities, selectors, services
from juntos.federation.choices import Feed, Rejection
from juntos.federation.keys import signing_key
from juntos.federation.signatures import (
    FEED_TAG,
    INBOX_TAG,
    Refused,
    RequestMessage,
    ResponseMessage,
    sign,
)


def _signed(
    request: HttpRequest, document: dict[str, object], *, status: int = 200, tag: str = FEED_TAG
) -> HttpResponse:
    body = activities.body(document)
    key = services.instance_key_current()
    asked = RequestMessage(request.method or "GET", request.build_absolute_uri(), {})
    message = ResponseMessage(status, {"Content-Type": activities.MEDIA_TYPE}, asked)
    sign(message, body=body, key_id=key.key_id, key=signing_key(key), tag=tag)
    response = HttpResponse(body, status=status, content_type=activities.MEDIA_TYPE)
    for name in ("Content-Digest", "Signature-Input", "Signature"):
        response[name] = message.headers[name]
    # A signed answer is good for five minutes: no cache may hand it out later.
    response["Cache-Control"] = "no-store"
    return response


def _feed(name: str) -> str:
    if name not in Feed.values:
        raise Http404
    return name


@require_GET
def feed(request: HttpRequest, feed: str) -> HttpResponse:
    """The feed as an OrderedCollection: how many activities, and its first page."""
    name = _feed(feed)
    return _signed(request, activities.collection(name, selectors.outbox_count(name)))


@require_GET
def feed_page(request: HttpRequest, feed: str) -> HttpResponse:
    """The activities after the cursor `after` (from the start without one)."""
    name = _feed(feed)
    try:
        after = activities.outbox_id_of(request.GET.get("after", ""))
    except activities.BadCursor:
        return _signed(request, {"error": "unknown cursor"}, status=400)
    items = selectors.outbox_page(name, after, activities.PAGE_SIZE)
    return _signed(request, activities.page(name, after, items))


@require_GET
def organisations(request: HttpRequest) -> HttpResponse:
    """The organisations that take referrals from peers, each with its HPKE public key."""
    names = dict(selectors.home_organisations())
    rows = [
        {
            "id": str(k.organisation_id),
            "name": names.get(k.organisation_id, ""),
            "publicKey": k.public_key,
            "kem": "DHKEM(X25519, HKDF-SHA256)",
        }
        for k in selectors.inbox_keys()
        if k.organisation_id in names
    ]
    return _signed(request, {"@context": activities.CONTEXT, "organisations": rows})


@require_GET
def instance_key(request: HttpRequest) -> HttpResponse:
    """The key this instance signs with, for another instance's administrator to pin (she
    should compare it with what this instance's administrator tells her directly)."""
    key = services.instance_key_current()
    return _signed(request, {"keyId": key.key_id, "publicKey": key.public_key, "alg": "ed25519"})


@csrf_exempt  # signed by an approved peer instead (RFC 9421), checked before anything is read
@require_POST
def inbox(request: HttpRequest) -> HttpResponse:
    headers = {name: value for name, value in request.headers.items()}
    try:
        services.inbox_receive(
            method="POST", url=request.build_absolute_uri(), headers=headers, body=request.body
        )
    except Refused as refusal:
        if refusal.reason == Rejection.TOO_MANY:
            answer = _signed(request, {"error": refusal.reason.value}, status=429, tag=INBOX_TAG)
            answer["Retry-After"] = "3600"
            return answer
        return _signed(request, {"error": refusal.reason.value}, status=403, tag=INBOX_TAG)
    except ValidationError:
        return _signed(
            request, {"error": "not a referral this inbox takes"}, status=422, tag=INBOX_TAG
        )
    return _signed(request, {"accepted": True}, status=202, tag=INBOX_TAG)
