import base64
import re

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from juntos.core import crypto


def _keyring(*versions: int) -> str:
    return ",".join(f"{v}:{base64.urlsafe_b64encode(bytes([v]) * 32).decode()}" for v in versions)


@given(st.binary(max_size=2000), st.text(max_size=40))
def test_encryption_round_trips(plaintext, context):
    key = crypto.new_key()
    assert (
        crypto.decrypt(key, crypto.encrypt(key, plaintext, context=context), context=context)
        == plaintext
    )


def test_tampering_wrong_key_or_wrong_context_fail():
    key = crypto.new_key()
    sealed = crypto.encrypt(key, b"wage theft at farm", context="report:1")
    assert b"wage theft" not in sealed
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    for bad_key, blob, context in (
        (key, tampered, "report:1"),
        (crypto.new_key(), sealed, "report:1"),
        (key, sealed, "report:2"),
    ):
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(bad_key, blob, context=context)


def test_wrapped_keys_survive_a_rotation():
    data_key = crypto.new_key()
    with override_settings(JUNTOS_ENCRYPTION_KEYS=_keyring(1)):
        crypto.keyring.cache_clear()
        version, wrapped = crypto.wrap_key(data_key, purpose="org:7")
    with override_settings(JUNTOS_ENCRYPTION_KEYS=_keyring(1, 2)):
        crypto.keyring.cache_clear()
        assert crypto.keyring().current_version == 2
        assert crypto.unwrap_key(wrapped, purpose="org:7", version=version) == data_key
        with pytest.raises(crypto.DecryptionError):
            crypto.unwrap_key(wrapped, purpose="org:8", version=version)
    crypto.keyring.cache_clear()


def test_a_malformed_keyring_is_refused():
    with pytest.raises(ValueError, match="32 bytes"):
        crypto.parse_keyring("1:" + base64.urlsafe_b64encode(b"short").decode())


def test_codes_are_grouped_unambiguous_and_carry_100_bits():
    codes = {crypto.random_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}", code)


def test_codes_typed_loosely_normalise_to_the_same_code():
    code = crypto.random_code()
    assert crypto.normalise_code(code.lower().replace("-", " ")) == code
    assert crypto.normalise_code("o1l1-ABCD") == "0111-ABCD"


def test_keyed_hashes_differ_by_purpose():
    assert crypto.keyed_hash("receipt", "X") != crypto.keyed_hash("login", "X")
    assert crypto.keyed_hash("receipt", "X") == crypto.keyed_hash("receipt", "X")
