"""Interoperability: pyhpke, an independent RFC 9180 implementation, opens what Juntos sealed
with the same suite and info, and Juntos opens what pyhpke sealed; a changed info fails."""

from __future__ import annotations

import json

import pytest
from pyhpke import AEADId, CipherSuite, KDFId, KEMId

from juntos.evaluations.models import LiaisonKey
from juntos.evaluations.sealing import (
    WrappedKey,
    hpke_info,
    open_sealed,
    private_key_unwrap,
    raw_private,
)
from juntos.evaluations.tests.factories import PASSPHRASE, carl_evaluates, season

pytestmark = pytest.mark.django_db

SUITE = CipherSuite.new(KEMId.DHKEM_X25519_HKDF_SHA256, KDFId.HKDF_SHA256, AEADId.AES128_GCM)


def _private(key: LiaisonKey):
    wrapped = WrappedKey(
        bytes(key.public_key),
        bytes(key.wrapped_private_key),
        bytes(key.salt),
        key.argon2_time_cost,
        key.argon2_memory_kib,
    )
    return private_key_unwrap(wrapped, PASSPHRASE, organisation_id=key.organisation_id)


def test_pyhpke_opens_an_evaluation_juntos_sealed(personas):
    evaluation = carl_evaluates(personas.carl, season(personas.rosa), comments="Trabaja bien.")
    private = _private(evaluation.liaison_key)
    info = hpke_info(
        kind=evaluation.kind, season_year=evaluation.season_year, season_ref=evaluation.season_ref
    )
    their_key = SUITE.kem.deserialize_private_key(raw_private(private))
    recipient = SUITE.create_recipient_context(
        bytes(evaluation.encapsulated_key), their_key, info=info
    )
    content = json.loads(recipient.open(bytes(evaluation.ciphertext)))
    assert content["answers"]["comments"] == "Trabaja bien."
    assert content["kind"] == "employer-of-worker" and content["season"] == 2026
    # The info binds kind, season and worker: another info does not open it.
    wrong = hpke_info(kind="worker-of-housing", season_year=2026, season_ref=evaluation.season_ref)
    with pytest.raises(Exception):  # noqa: B017 - pyhpke raises its own error type
        SUITE.create_recipient_context(
            bytes(evaluation.encapsulated_key), their_key, info=wrong
        ).open(bytes(evaluation.ciphertext))


def test_juntos_opens_what_pyhpke_sealed(personas):
    evaluation = carl_evaluates(personas.carl, season(personas.rosa))
    key = evaluation.liaison_key
    info = hpke_info(kind="worker-of-employer", season_year=2026, season_ref="ref")
    public = SUITE.kem.deserialize_public_key(bytes(key.public_key))
    encapsulated, sender = SUITE.create_sender_context(public, info=info)
    ciphertext = sender.seal(b"sealed elsewhere")
    assert open_sealed(encapsulated, ciphertext, _private(key), info=info) == b"sealed elsewhere"
