"""Reading mobile numbers the way people type them."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Numbers without a country code are read as Canadian: that is where members use them.
DEFAULT_REGION = "CA"

INVALID_PHONE = _(
    "This does not look like a mobile number. Include the country code if it is not Canadian, "
    "for example +52 55 1234 5678."
)


def normalise_phone(text: str, *, region: str = DEFAULT_REGION) -> str:
    """Return the number in E.164 form (+15551234567) or raise a translated ValidationError."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(INVALID_PHONE, code="invalid_phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_email(identifier: str) -> bool:
    return "@" in identifier
