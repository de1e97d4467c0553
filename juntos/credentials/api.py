"""The credentials app's JSON API: the standards and their mappings, and verifying a credential."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import django_auth

from juntos.credentials import selectors
from juntos.credentials.verification import MAX_TOKEN_BYTES, verify_token

router = Router(tags=["credentials"])


class StandardOut(Schema):
    framework: str
    code: str
    uri: str
    title: str
    teer: int | None
    certainty: str


class MappingOut(Schema):
    framework: str
    code: str
    title: str
    match: str
    status: str
    official: bool
    note: str


class VerifyIn(Schema):
    credential: str


class VerifyOut(Schema):
    state: str
    label: str
    reason: str
    standard: StandardOut | None
    mappings: list[MappingOut]


class MyCredentialOut(Schema):
    id: str
    short_id: str
    standard: StandardOut
    issued_at: str
    revoked: bool
    suspended: bool
    hidden: bool


def _standard(s: Any) -> dict[str, Any]:
    return {"framework": s.framework.code, "code": s.code, "uri": s.uri, "title": s.title,
            "teer": s.teer, "certainty": s.certainty}  # fmt: skip


def _mapping(m: selectors.Mapping_) -> dict[str, Any]:
    e = m.equivalence
    note = "" if e.official else _("Not an official recognition.")
    return {"framework": m.other.framework.code, "code": m.other.code, "title": m.other.title,
            "match": m.match, "status": e.status, "official": e.official, "note": note}  # fmt: skip


@router.get("/standards", response=list[StandardOut], summary="The curated competency standards")
def standards(request: HttpRequest) -> list[dict[str, Any]]:
    return [_standard(s) for f in selectors.frameworks_with_standards() for s in f.standards.all()]


@router.post("/verify", response=VerifyOut, summary="Check a credential (VC-JWT or enveloped JSON)")
def verify(request: HttpRequest, body: VerifyIn) -> dict[str, Any]:
    outcome = verify_token(body.credential[: MAX_TOKEN_BYTES + 1], selectors.SiteSources(),
                           selectors.now())  # fmt: skip
    found = selectors.standard_for_achievement(outcome.achievement_id)
    return {
        "state": outcome.state,
        "label": str(outcome.label),
        "reason": outcome.reason_text,
        "standard": _standard(found) if found else None,
        "mappings": [_mapping(m) for m in selectors.mappings_of(found.pk)] if found else [],
    }


@router.get("/mine", response=list[MyCredentialOut], auth=django_auth, summary="My own credentials")
def mine(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": str(c.pk),
            "short_id": c.short_id,
            "standard": _standard(c.standard),
            "issued_at": c.issued_at.isoformat(),
            "revoked": c.revoked_at is not None,
            "suspended": c.suspended,
            "hidden": c.hidden,
        }
        for c in selectors.credentials_of(request.user)
    ]
