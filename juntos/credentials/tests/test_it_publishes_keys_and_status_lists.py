"""The issuer's keys (JWKS, did:web) and its signed, cacheable Bitstring Status Lists."""

from __future__ import annotations

import base64
import gzip
import json
import secrets

import jwt as pyjwt
from django.utils import timezone

from juntos.credentials import documents
from juntos.credentials.models import StatusEntry
from juntos.credentials.services import issuer_key_rotate
from juntos.credentials.services.keys import status_index_take
from juntos.credentials.statuslist import MIN_BITS, bit_is_set, decode_bits, encode_bits
from juntos.credentials.tests.helpers import issue_to


def _jwk_for(client, kid: str):
    keys = json.loads(client.get("/credentials/jwks.json").content)["keys"]
    return pyjwt.PyJWK(next(k for k in keys if k["kid"] == kid)).key


def test_the_status_list_is_a_signed_credential_with_cache_headers(
    client, personas, authorised, fraser
):
    credential = issue_to(personas, authorised, fraser.pk)
    claims = pyjwt.decode(credential.token, options={"verify_signature": False})
    url = claims["credentialStatus"]["statusListCredential"]
    response = client.get(
        url.removeprefix("http://127.0.0.1:8000").removeprefix("http://testserver")
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert "max-age=300" in response["Cache-Control"]
    token = response.content.decode()
    kid = pyjwt.get_unverified_header(token)["kid"]
    status = pyjwt.decode(token, key=_jwk_for(client, kid), algorithms=["RS256"])
    assert status["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = status["credentialSubject"]
    assert subject["statusPurpose"] == "revocation" and subject["encodedList"].startswith("u")
    raw = gzip.decompress(base64.urlsafe_b64decode(subject["encodedList"][1:] + "=="))
    assert len(raw) * 8 == MIN_BITS


def test_an_unknown_list_or_purpose_is_404(client, db):
    assert client.get("/credentials/status/99/revocation").status_code == 404
    assert client.get("/credentials/status/1/nonsense").status_code == 404


def test_bits_are_read_left_to_right():
    encoded = encode_bits(MIN_BITS, [0, 9, MIN_BITS - 1])
    bits = decode_bits(encoded)
    assert bits[0] == 0x80 and bits[1] == 0x40 and bits[-1] == 0x01
    assert bit_is_set(bits, 9) and not bit_is_set(bits, 8)


def test_a_list_for_ten_thousand_credentials_stays_under_20_kb():
    """10,000 credentials at random indexes, a tenth of them revoked; and all of them revoked."""
    indexes: set[int] = set()
    while len(indexes) < 10_000:
        indexes.add(secrets.randbelow(MIN_BITS))
    revoked = list(indexes)[:1_000]
    for set_bits in (revoked, list(indexes)):
        document = documents.status_list_document(
            1, "revocation", MIN_BITS, set_bits, timezone.now()
        )
        size = len(json.dumps(document).encode())
        assert size <= 20 * 1024, size


def test_indexes_are_random_and_never_given_twice(db):
    taken = [status_index_take().index for _ in range(200)]
    assert len(set(taken)) == 200
    assert max(taken) > MIN_BITS // 2  # not handed out in order
    assert StatusEntry.objects.count() == 200


def test_rotated_keys_stay_in_the_jwks_and_the_did_document(client, personas, authorised, fraser):
    credential = issue_to(personas, authorised, fraser.pk)
    issuer_key_rotate(actor=personas.ben)
    jwks = json.loads(client.get("/credentials/jwks.json").content)
    did = json.loads(client.get("/.well-known/did.json").content)
    kids = {k["kid"] for k in jwks["keys"]}
    assert len(kids) == 2
    assert {m["id"] for m in did["verificationMethod"]} == kids
    header_kid = pyjwt.get_unverified_header(credential.token)["kid"]
    assert header_kid in kids
    assert did["id"] == header_kid.split("#")[0]
    for key in jwks["keys"]:
        assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)
