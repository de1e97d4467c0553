"""One number, typed any of the ways people type it, is one E.164 number."""

import pytest
from django.core.exceptions import ValidationError

from juntos.accounts.phones import normalise_phone

MEXICAN_MOBILE = [
    "+52 55 1234 5678",
    "+52 1 55 1234 5678",  # the old mobile prefix, still in many phones' contacts
    "+52-1-55-1234-5678",
    "+52 (55) 1234-5678",
    "0052 55 1234 5678",  # 00, the international prefix dialled from Mexico
    "00 52 1 55 1234 5678",
    "011 52 55 1234 5678",  # 011, the one dialled from Canada
    "52 55 1234 5678",  # the country code without its "+"
    "521 55 1234 5678",
    "5215512345678",
]
CANADIAN = [
    "250 555 0101",
    "(250) 555-0101",
    "250.555.0101",
    "1 250 555 0101",
    "1-250-555-0101",
    "+1 (250) 555 0101",
    "001 250 555 0101",
    "+１ ２５０ ５５５ ０１０１",  # full-width digits from some keyboards
]


@pytest.mark.parametrize("typed", MEXICAN_MOBILE)
def test_a_mexican_mobile_is_read_however_it_is_typed(typed):
    assert normalise_phone(typed) == "+525512345678"


@pytest.mark.parametrize("typed", CANADIAN)
def test_a_canadian_number_is_read_however_it_is_typed(typed):
    assert normalise_phone(typed) == "+12505550101"


@pytest.mark.parametrize("typed", ["12ab", "555", "+52 1 55 1234", ""])
def test_what_is_not_a_number_is_refused_with_the_reason(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_phone(typed)
    assert "country code" in str(refused.value)
