"""The JSON documents the app publishes: OB 3.0 credentials, status lists, JWKS, did:web.

Credentials are secured as VC-JWT (VC-JOSE-COSE): the JWT payload is the credential itself,
with `iss`, `sub`, `jti`, `iat` and `nbf` beside it; header `alg` RS256, `typ` vc+jwt, `kid`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from joserfc import jwt
from joserfc.jwk import RSAKey

from juntos.credentials.links import public_url
from juntos.credentials.signing import issuer_did, verification_method
from juntos.credentials.statuslist import encode_bits

if TYPE_CHECKING:
    from juntos.credentials.models import Credential, IssuerKey, Standard, StatusEntry

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
STATUS_LIST_TTL = 300  # seconds a status list may be cached; a revocation shows within this


def _iso(value: Any) -> str:
    return value.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def issuer_profile() -> dict[str, Any]:
    return {
        "id": issuer_did(),
        "type": ["Profile"],
        "name": settings.JUNTOS_CREDENTIALS_ISSUER_NAME,
        "url": settings.SITE_URL + "/",
    }


def standard_page_url(standard: Standard) -> str:
    return public_url(
        "credentials_standard_public", framework=standard.framework.code, code=standard.code
    )


def achievement(standard: Standard) -> dict[str, Any]:
    """The Achievement, aligned to the standard (and to its official URI when it has one)."""
    framework = standard.framework
    title = standard.titles.get("en") or standard.title
    alignment = {
        "type": ["Alignment"],
        "targetName": title,
        "targetUrl": standard.uri
        if standard.uri.startswith("http")
        else standard_page_url(standard),
        "targetCode": standard.code,
        "targetFramework": framework.names.get("en", framework.code),
        "targetType": "ext:" + framework.code,
    }
    return {
        "id": f"urn:juntos:achievement:{framework.code}:{standard.code}",
        "type": ["Achievement"],
        "name": title,
        "description": standard.note or title,
        "criteria": {
            "narrative": "Assessed competent in every unit of the standard by an assessor of "
            "an organisation authorised by the Juntos network."
        },
        "alignment": [alignment],
        "inLanguage": "en",
    }


def credential_document(credential: Credential, entry: StatusEntry) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential for a credential row and its status index."""
    list_url = public_url(
        "credentials_status_list", number=entry.status_list.number, purpose="revocation"
    )
    document: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{credential.id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(),
        "validFrom": _iso(credential.issued_at),
        "name": credential.standard.titles.get("en") or credential.standard.title,
        "credentialSubject": {
            "id": credential.subject_id,
            "type": ["AchievementSubject"],
            "achievement": achievement(credential.standard),
        },
        "credentialStatus": {
            "id": f"{list_url}#{entry.index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(entry.index),
            "statusListCredential": list_url,
        },
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if credential.valid_until:
        document["validUntil"] = _iso(credential.valid_until)
    return document


def sign(document: dict[str, Any], key: RSAKey, kid: str) -> str:
    """The VC-JWT of a document: RS256, with the JWT claims the VC fields imply."""
    claims = {
        **document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "sub": document["credentialSubject"]["id"],
    }
    header = {"alg": "RS256", "typ": "vc+jwt", "cty": "vc", "kid": verification_method(kid)}
    return jwt.encode(header, claims, key, algorithms=["RS256"])


def status_list_document(
    number: int, purpose: str, size: int, set_indexes: Iterable[int], now: Any
) -> dict[str, Any]:
    """The BitstringStatusListCredential for one list and purpose."""
    url = public_url("credentials_status_list", number=number, purpose=purpose)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": _iso(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode_bits(size, set_indexes),
            "ttl": STATUS_LIST_TTL * 1000,
        },
    }


def jwks(keys: Iterable[IssuerKey]) -> dict[str, Any]:
    """Every key ever used, retired ones too: what they signed must keep verifying."""
    return {"keys": [{**k.public_jwk, "kid": verification_method(k.kid)} for k in keys]}


def did_document(keys: Iterable[IssuerKey]) -> dict[str, Any]:
    did = issuer_did()
    methods = [
        {
            "id": verification_method(k.kid),
            "type": "JsonWebKey",
            "controller": did,
            "publicKeyJwk": {**k.public_jwk, "kid": verification_method(k.kid)},
        }
        for k in keys
    ]
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


def sign_status_list(document: dict[str, Any], key: RSAKey, kid: str) -> str:
    """The status list credential as a VC-JWT."""
    claims = {**document, "iss": document["issuer"], "jti": document["id"]}
    header = {"alg": "RS256", "typ": "vc+jwt", "cty": "vc", "kid": verification_method(kid)}
    return jwt.encode(header, claims, key, algorithms=["RS256"])
