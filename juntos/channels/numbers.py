"""Phone numbers: the one form we hash and send to, and what an area code says of a province."""

from __future__ import annotations

import phonenumbers

from juntos.core import crypto

# Canadian area codes by province (the CNA's list of NPAs). 902/782 serve both Nova Scotia and
# Prince Edward Island and 867 the three territories, so they tell us nothing.
AREA_CODES: dict[str, tuple[int, ...]] = {
    "BC": (236, 250, 257, 604, 672, 778),
    "AB": (368, 403, 587, 780, 825),
    "SK": (306, 474, 639),
    "MB": (204, 431, 584),
    "ON": (226, 249, 289, 343, 365, 382, 416, 437, 519, 548, 613, 647, 683, 705, 742, 753,
           807, 905, 942),
    "QC": (263, 354, 367, 418, 438, 450, 468, 514, 579, 581, 819, 873),
    "NB": (428, 506),
    "NL": (709, 879),
}  # fmt: skip
_PROVINCE_OF_AREA = {code: province for province, codes in AREA_CODES.items() for code in codes}


def normalise_number(raw: str) -> str:
    """E.164 ("+12505550142") from what a gateway sends ("+1 250…", WhatsApp's "1250…"), or ""."""
    raw = (raw or "").strip()[:40]
    if raw.startswith("whatsapp:"):
        raw = raw[len("whatsapp:") :]
    if raw[:1] in tuple("123456789") and len(raw) > 10:
        raw = "+" + raw  # WhatsApp's wa_id: the full number without its "+"
    try:
        number = phonenumbers.parse(raw, "CA")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def number_hash(number: str) -> str:
    """How the channels know a number: a keyed hash, never the digits."""
    return crypto.keyed_hash("channel-number", number)


def province_guess(number: str) -> str:
    """The province a Canadian number's area code belongs to, or "" when it does not say."""
    if not number.startswith("+1") or len(number) != 12:
        return ""
    return _PROVINCE_OF_AREA.get(int(number[2:5]), "")
