"""Issued credentials are OB 3.0 AchievementCredentials, checked by a second JOSE library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import jwt as pyjwt
import pytest

from juntos.credentials.models import IssuerKey
from juntos.credentials.tests.helpers import issue_to

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ob_v3p0_achievementcredential_schema.json").read_text()
)


def _verify_with_pyjwt(token: str) -> dict[str, Any]:
    header = pyjwt.get_unverified_header(token)
    row = IssuerKey.objects.get(kid=header["kid"].rsplit("#", 1)[1])
    key = pyjwt.PyJWK(row.public_jwk).key
    return pyjwt.decode(token, key=key, algorithms=["RS256"], options={"verify_aud": False})


def test_the_credential_is_valid_against_the_official_schema(personas, authorised, fraser):
    credential = issue_to(personas, authorised, fraser.pk)
    claims = _verify_with_pyjwt(credential.token)
    jsonschema.Draft201909Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(
        claims
    )
    assert claims["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    alignment = claims["credentialSubject"]["achievement"]["alignment"][0]
    assert alignment["targetCode"] == authorised.code


def test_the_schema_would_catch_a_credential_without_valid_from(personas, authorised, fraser):
    claims = _verify_with_pyjwt(issue_to(personas, authorised, fraser.pk).token)
    del claims["validFrom"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft201909Validator(SCHEMA).validate(claims)


def test_the_subject_is_a_random_urn_never_her_contact(personas, authorised, fraser):
    credential = issue_to(personas, authorised, fraser.pk)
    claims = _verify_with_pyjwt(credential.token)
    subject = claims["credentialSubject"]["id"]
    assert subject.startswith("urn:uuid:") and subject == claims["sub"]
    text = credential.token + json.dumps(claims)
    assert personas.rosa.phone.lstrip("+") not in text
    assert "Rosa" not in text


def test_the_header_names_the_key_and_rs256(personas, authorised, fraser):
    header = pyjwt.get_unverified_header(issue_to(personas, authorised, fraser.pk).token)
    assert header["alg"] == "RS256" and header["typ"] == "vc+jwt"
    assert header["kid"].startswith("did:web:")


def test_no_private_key_is_stored_in_plaintext(personas, authorised, fraser):
    issue_to(personas, authorised, fraser.pk)
    row = IssuerKey.objects.get()
    assert b"PRIVATE KEY" not in bytes(row.wrapped_private_key)
    assert "d" not in row.public_jwk and "p" not in row.public_jwk
