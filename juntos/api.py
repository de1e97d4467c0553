"""The JSON API under /api/, assembled from each app's router. OpenAPI at /api/openapi.json."""

from __future__ import annotations

import importlib
import importlib.util

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from juntos.accounts.selectors import memberships_of, public_organisations

api = NinjaAPI(
    title="Juntos API",
    version="1",
    description="Rights, reports, registry, learning and network data for migrant worker support.",
    urls_namespace="api",
    docs_url=None,  # the interactive docs load scripts from elsewhere; the CSP forbids that
)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    """A service refused the actor: 403, never a traceback."""
    return api.create_response(request, {"detail": "permission denied"}, status=403)


@api.exception_handler(ValidationError)
def validation_failed(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A service rejected the input's meaning: 422 with the messages, keyed by field."""
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


class MembershipOut(Schema):
    organisation: str
    organisation_kind: str
    role: str


class MeOut(Schema):
    id: int
    display_name: str
    preferred_language: str
    preferred_channel: str
    sector: str
    province: str
    memberships: list[MembershipOut]


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    province: str
    languages: list[str]


@api.get("/me", response=MeOut, auth=django_auth, tags=["accounts"], summary="The signed-in person")
def me(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "id": user.pk,
        "display_name": user.display_name,  # type: ignore[union-attr]
        "preferred_language": user.preferred_language,  # type: ignore[union-attr]
        "preferred_channel": user.preferred_channel,  # type: ignore[union-attr]
        "sector": user.sector,  # type: ignore[union-attr]
        "province": user.province,  # type: ignore[union-attr]
        "memberships": [
            {
                "organisation": m.organisation.name,
                "organisation_kind": m.organisation.kind,
                "role": m.role,
            }
            for m in memberships_of(user)
        ],
    }


@api.get(
    "/organisations",
    response=list[OrganisationOut],
    tags=["accounts"],
    summary="The public directory of organisations",
)
def organisations(
    request: HttpRequest, kind: str = "", province: str = ""
) -> list[dict[str, object]]:
    found = public_organisations()
    if kind:
        found = found.filter(kind=kind)
    if province:
        found = found.filter(province=province.upper()[:2])
    return [
        {
            "slug": o.slug,
            "name": o.name,
            "kind": o.kind,
            "province": o.province,
            "languages": o.language_codes,
        }
        for o in found
    ]


for app in settings.JUNTOS_DOMAIN_APPS:
    if importlib.util.find_spec(f"juntos.{app}.api"):
        api.add_router(f"/{app}/", importlib.import_module(f"juntos.{app}.api").router)

api.add_router("/monitoring/", importlib.import_module("juntos.monitoring.api").router)
api.add_router("/research/", importlib.import_module("juntos.research.api").router)
