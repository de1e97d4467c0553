"""The ballot cryptography on its own: one-hot ElGamal, summed, opened by k of n shares."""

from __future__ import annotations

import random

import pytest

from juntos.network import ballot_crypto as bc


def test_the_group_generator_has_prime_order_q():
    assert bc.P == 2 * bc.Q + 1
    assert pow(bc.G, bc.Q, bc.P) == 1 and bc.G != 1


@pytest.mark.parametrize(("trustees", "needed"), [(1, 1), (2, 2), (3, 2), (5, 3)])
def test_k_of_n_shares_open_the_sum_and_fewer_do_not(trustees, needed):
    dealt = bc.key_deal(trustees=trustees, needed=needed)
    chosen = [random.randrange(3) for _ in range(12)]
    tally = bc.aggregate([bc.encrypt_one_hot(dealt.public_key, c, 3) for c in chosen], 3)
    truth = [chosen.count(i) for i in range(3)]
    for subset in (dealt.shares[:needed], dealt.shares[-needed:]):
        partials = {s.index: bc.partial_decrypt(tally, s) for s in subset}
        assert bc.combine(tally, partials, most=12) == truth
    if needed > 1:
        partials = {s.index: bc.partial_decrypt(tally, s) for s in dealt.shares[: needed - 1]}
        assert bc.combine(tally, partials, most=12) is None


def test_a_share_sealed_to_a_trustee_opens_only_with_their_passphrase():
    dealt = bc.key_deal(trustees=2, needed=2)
    stored = bc.trustee_key_create("the right words", owner="user:1", time_cost=1, memory_kib=8192)
    sealed = bc.share_seal(dealt.shares[0], stored.public_key, context="vote:1:share:1")
    private = bc.trustee_key_open(stored, "the right words", owner="user:1")
    assert bc.share_open(sealed, private, index=1, context="vote:1:share:1") == dealt.shares[0]
    for passphrase, owner in (("wrong words", "user:1"), ("the right words", "user:2")):
        with pytest.raises(bc.TrusteeKeyError):
            bc.trustee_key_open(stored, passphrase, owner=owner)
    # A share moved to another vote or index does not open.
    with pytest.raises(bc.TrusteeKeyError):
        bc.share_open(sealed, private, index=1, context="vote:2:share:1")


def test_tracking_codes_are_typeable_and_differ_per_ballot():
    dealt = bc.key_deal(trustees=1, needed=1)
    first = bc.ciphertexts_to_hex(bc.encrypt_one_hot(dealt.public_key, 0, 3))
    second = bc.ciphertexts_to_hex(bc.encrypt_one_hot(dealt.public_key, 0, 3))
    assert first != second
    code = bc.tracking_code(1, first)
    assert len(code) == 24 and code.count("-") == 4
    assert code != bc.tracking_code(1, second) and code != bc.tracking_code(2, first)
