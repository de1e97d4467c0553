"""Reading mobile numbers the way people type them."""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Numbers without a country code are read as Canadian: that is where members use them.
DEFAULT_REGION = "CA"

INVALID_PHONE = _(
    "This does not look like a mobile number. Include the country code if it is not Canadian, "
    "for example +52 55 1234 5678."
)


MEXICO = 52
# Before 2019 a Mexican mobile was dialled from abroad as +52 1 + ten digits; people still write
# it so, and many phones still store it so.
OLD_MEXICAN_MOBILE = re.compile(r"^1(\d{10})$")


def normalise_phone(text: str, *, region: str = DEFAULT_REGION) -> str:
    """Return the number in E.164 form (+15551234567) or raise a translated ValidationError.

    One number typed many ways gives one result: spaces, dashes, dots and brackets, a 00 or 011
    international prefix, a country code without "+", and Mexico's old "+52 1" mobile prefix.
    """
    typed = re.sub(r"^\s*00\s*", "+", text.strip())
    digits = "".join(ch for ch in typed if ch.isdigit())
    for candidate in (typed, f"+{digits}"):
        number = _parse(candidate, region)
        if number is not None:
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise ValidationError(INVALID_PHONE, code="invalid_phone")


def _parse(candidate: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return None
    if number.country_code == MEXICO:
        old = OLD_MEXICAN_MOBILE.match(str(number.national_number))
        if old:
            number = phonenumbers.PhoneNumber(country_code=MEXICO, national_number=int(old[1]))
    return number if phonenumbers.is_valid_number(number) else None


def looks_like_email(identifier: str) -> bool:
    return "@" in identifier
