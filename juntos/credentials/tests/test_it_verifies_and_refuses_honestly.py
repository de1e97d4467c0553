"""Every outcome of a check, with its reason; damaged or strange input is "not valid", never 500."""

from __future__ import annotations

import base64
import json

import pytest
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juntos.credentials import documents, verification
from juntos.credentials.selectors import SiteSources
from juntos.credentials.services import (
    credential_revoke,
    credential_suspend,
    issuer_key_current,
    issuer_key_rotate,
)
from juntos.credentials.signing import private_key, verification_method
from juntos.credentials.tests.helpers import issue_to
from juntos.credentials.verification import verify_token


def _check(token: str | bytes) -> verification.Outcome:
    return verify_token(token, SiteSources(), timezone.now())


@pytest.fixture
def credential(personas, authorised, fraser):
    return issue_to(personas, authorised, fraser.pk)


def test_a_fresh_credential_is_valid(credential):
    assert _check(credential.token).state == verification.VALID


def test_revoked_then_said_so(personas, credential):
    credential_revoke(actor=personas.ben, credential=credential, reason="error")
    outcome = _check(credential.token)
    assert outcome.state == verification.REVOKED
    with translation.override("es"):
        assert str(outcome.label) == "Revocada"


def test_suspended_and_reinstated(personas, credential):
    credential_suspend(actor=personas.ben, credential=credential, suspended=True)
    assert _check(credential.token).state == verification.SUSPENDED
    credential_suspend(actor=personas.ben, credential=credential, suspended=False)
    assert _check(credential.token).state == verification.VALID


def test_nobody_else_may_revoke(personas, credential):
    from django.core.exceptions import PermissionDenied

    for who in ("rosa", "carl", "dana", "ines"):
        with pytest.raises(PermissionDenied):
            credential_revoke(actor=getattr(personas, who), credential=credential, reason="x")


def _resigned(credential, **changes):
    """The same credential's claims changed and signed again with the issuer's key."""
    key = issuer_key_current()
    claims = verification.jwt.decode(credential.token, private_key(key)).claims
    claims.update(changes)
    header = {"alg": "RS256", "typ": "vc+jwt", "kid": verification_method(key.kid)}
    return verification.jwt.encode(header, claims, private_key(key))


def test_expired_says_when(credential):
    token = _resigned(credential, validUntil="2020-01-01T00:00:00Z")
    outcome = _check(token)
    assert outcome.state == verification.EXPIRED
    assert "2020-01-01" in outcome.reason_text


def test_not_yet_valid_says_when(credential):
    token = _resigned(credential, validFrom="2999-01-01T00:00:00Z")
    outcome = _check(token)
    assert outcome.state == verification.NOT_VALID and "2999-01-01" in outcome.reason_text


def test_rotation_keeps_old_credentials_valid(personas, credential):
    old_kid = credential.kid
    issuer_key_rotate(actor=personas.ben)
    assert issuer_key_current().kid != old_kid
    assert _check(credential.token).state == verification.VALID
    from juntos.credentials.models import IssuerKey

    assert IssuerKey.objects.get(kid=old_kid).retired_at is not None


def test_an_unknown_key_is_named_as_the_reason(credential):
    from joserfc.jwk import RSAKey

    stranger = RSAKey.generate_key(2048)
    claims = verification.jwt.decode(credential.token, private_key(issuer_key_current())).claims
    token = documents.sign(claims, stranger, issuer_key_current().kid + "x")
    assert _check(token).reason == verification.UNKNOWN_KEY
    # The right kid with the wrong key: the signature does not match.
    token = documents.sign(claims, stranger, issuer_key_current().kid)
    assert _check(token).reason == verification.BAD_SIGNATURE


def test_an_enveloped_json_verifies_and_plain_json_is_refused(credential):
    envelope = {
        "id": f"data:application/vc+jwt,{credential.token}",
        "type": "EnvelopedVerifiableCredential",
    }
    assert _check(json.dumps(envelope)).state == verification.VALID
    plain = {"type": ["VerifiableCredential"], "id": "urn:uuid:x"}
    assert _check(json.dumps(plain)).reason == verification.UNSIGNED_JSON


def test_alg_none_is_refused(credential):
    _header, payload, _sig = credential.token.split(".")
    none = base64.urlsafe_b64encode(b'{"alg":"none","kid":"x"}').rstrip(b"=").decode()
    assert _check(f"{none}.{payload}.x").reason == verification.WRONG_ALGORITHM


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(position=st.integers(min_value=0), bit=st.integers(min_value=0, max_value=7))
def test_a_flipped_bit_anywhere_is_never_valid(credential, position, bit):
    raw = bytearray(credential.token.encode())
    index = position % len(raw)
    raw[index] ^= 1 << bit
    outcome = _check(bytes(raw))
    # A flip inside base64 padding bits can leave the decoded bytes unchanged: then it is the
    # same credential. Otherwise it is refused, with a reason.
    if bytes(raw).decode("latin-1").split(".")[:3] != credential.token.split("."):
        decoded_same = _same_after_decoding(bytes(raw), credential.token)
        assert outcome.state == verification.NOT_VALID or decoded_same
        assert outcome.reason or decoded_same


def _same_after_decoding(raw: bytes, token: str) -> bool:
    try:
        parts = raw.decode("ascii").split(".")
        return len(parts) == 3 and all(
            base64.urlsafe_b64decode(a + "=" * (-len(a) % 4))
            == base64.urlsafe_b64decode(b + "=" * (-len(b) % 4))
            for a, b in zip(parts, token.split("."), strict=True)
        )
    except Exception:
        return False


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(cut=st.integers(min_value=1))
def test_a_truncated_token_is_not_valid(credential, cut):
    token = credential.token[: cut % len(credential.token)]
    assert _check(token).state == verification.NOT_VALID


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    junk=st.one_of(
        st.text(max_size=300),
        st.binary(max_size=300),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=8), inner, max_size=4)
            ),
            max_leaves=10,
        ).map(json.dumps),
    )
)
def test_any_input_gives_an_outcome(db, junk):
    outcome = verify_token(junk, SiteSources(), timezone.now())
    assert outcome.state == verification.NOT_VALID and outcome.reason


def test_wrong_types_inside_a_signed_token_are_not_valid(credential):
    changes: list[dict[str, object]] = [
        {"type": "OpenBadgeCredential"},
        {"validFrom": 12},
        {"credentialSubject": []},
        {"credentialStatus": {"statusListIndex": 5}},
        {"credentialStatus": {"statusListIndex": "99999999999", "statusListCredential": "x"}},
        {"validUntil": ["soon"]},
    ]
    for change in changes:
        assert _check(_resigned(credential, **change)).state == verification.NOT_VALID, change


def test_a_status_index_outside_the_list_is_not_valid(credential):
    claims_status = {
        **verification.jwt.decode(credential.token, private_key(issuer_key_current())).claims[
            "credentialStatus"
        ],
        "statusListIndex": str(10**9),
    }
    assert _check(_resigned(credential, credentialStatus=claims_status)).reason == (
        verification.NO_STATUS
    )


def test_the_page_says_not_valid_in_her_language_and_keeps_what_she_pasted(client, credential):
    broken = credential.token[:-5] + "AAAAA"
    response = client.post("/es/credentials/verify/", {"token": broken})
    page = response.content.decode()
    assert response.status_code == 422
    assert "No válida" in page and "fue modificada o está dañada" in page
    assert broken in page


def test_a_ten_megabyte_body_is_refused_with_a_reason(client, db):
    body = "a" * (10 * 1024 * 1024)
    response = client.post(
        "/fr/credentials/verify/",
        data=f"token={body}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 422
    assert "trop volumineux" in response.content.decode()


def test_a_large_upload_is_refused(client, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("c.json", b"{" + b" " * 70_000 + b"}")
    response = client.post("/en/credentials/verify/", {"file": upload})
    assert response.status_code in (400, 422)
    assert "too large" in response.content.decode()


def test_an_uploaded_jwt_file_verifies(client, credential):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("c.jwt", credential.token.encode())
    response = client.post("/en/credentials/verify/", {"file": upload})
    assert response.status_code == 200 and ">Valid<" in response.content.decode()


def test_an_unknown_short_link_is_404(client, db):
    assert client.get("/en/credentials/v/nothing/").status_code == 404


def test_status_is_checked_against_the_published_list_not_the_row(personas, credential):
    """The online verifier reads the same encoded list the site publishes."""
    sources = SiteSources()
    status = verification.jwt.decode(credential.token, private_key(issuer_key_current())).claims[
        "credentialStatus"
    ]
    bits = sources.status_bits(status["statusListCredential"])
    assert bits is not None and len(bits) * 8 >= 131_072
    index = int(status["statusListIndex"])
    assert not bits[index // 8] & (0x80 >> (index % 8))
    credential_revoke(actor=personas.ben, credential=credential, reason="error")
    bits = sources.status_bits(status["statusListCredential"])
    assert bits is not None
    assert bits[index // 8] & (0x80 >> (index % 8))
    # The direct look-up the verifier uses agrees with the list, bit for bit, near the index.
    for near in range(max(0, index - 8), index + 8):
        published = bool(bits[near // 8] & (0x80 >> (near % 8)))
        assert sources.status_bit(status["statusListCredential"], near) is published


def _two_entries(credential, suspension_url: str | None = None) -> str:
    """The credential re-signed with a revocation and a suspension entry, as VC 2.0 allows."""
    claims = verification.jwt.decode(credential.token, private_key(issuer_key_current())).claims
    revocation = dict(claims["credentialStatus"])
    url = suspension_url or revocation["statusListCredential"].replace("/revocation", "/suspension")
    suspension = {
        **revocation,
        "id": f"{url}#{revocation['statusListIndex']}",
        "statusPurpose": "suspension",
        "statusListCredential": url,
    }
    return _resigned(credential, credentialStatus=[revocation, suspension])


def test_a_declared_suspension_entry_is_read_as_the_standard_says(personas, credential):
    token = _two_entries(credential)
    assert _check(token).state == verification.VALID
    credential_suspend(actor=personas.ben, credential=credential, suspended=True)
    assert _check(token).state == verification.SUSPENDED
    credential_suspend(actor=personas.ben, credential=credential, suspended=False)
    assert _check(token).state == verification.VALID
    credential_revoke(actor=personas.ben, credential=credential, reason="error")
    assert _check(token).state == verification.REVOKED


def test_a_declared_suspension_list_that_cannot_be_read_is_not_valid(credential):
    token = _two_entries(credential, "https://elsewhere.example/status/9/suspension")
    outcome = _check(token)
    assert outcome.state == verification.NOT_VALID
    assert outcome.reason == verification.NO_STATUS


def test_ob3_allows_one_status_entry_so_the_site_issues_the_revocation_one(credential):
    """Why suspension shares the revocation entry's index: the official OB 3.0 schema refuses
    a list of entries, though VC 2.0 and the Bitstring Status List allow one."""
    import jsonschema

    from juntos.credentials.tests.test_it_issues_open_badges import SCHEMA

    claims = verification.jwt.decode(credential.token, private_key(issuer_key_current())).claims
    assert claims["credentialStatus"]["statusPurpose"] == "revocation"
    jsonschema.Draft201909Validator(SCHEMA).validate(claims)
    claims["credentialStatus"] = [claims["credentialStatus"], claims["credentialStatus"]]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft201909Validator(SCHEMA).validate(claims)
