"""`row_urls` writes each row's address as `reverse` would, in the active language, for an id
or a pseudonym; a key an address would have to quote is refused."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from juntos.core.forms import row_urls


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_each_row_s_address_is_the_one_reverse_writes(language):
    with translation.override(language):
        remove = row_urls("learning:profile_remove", "season")
        invite = row_urls("opportunities:invite", 42)
        for pk in (1, 7, 10**12):
            assert remove(pk) == reverse("learning:profile_remove", args=["season", pk])
        for pseudonym in ("AB12CD", "Z9", "987654321987654321"):
            assert invite(pseudonym) == reverse("opportunities:invite", args=[42, pseudonym])


@pytest.mark.parametrize("key", ["a/b", "AB CD", "x?y=1", "é1", ""])
def test_a_key_that_would_need_quoting_is_refused(key):
    with pytest.raises(ValueError):
        row_urls("opportunities:invite", 42)(key)
