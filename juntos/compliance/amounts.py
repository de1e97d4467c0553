"""Reading an amount the way people write it: "2.007,50", "2,007.50", "$350.00", "350,00 $".

Workers copy figures from pay slips printed in English or French, and write them the way their
own country does (Mexico: 1,234.50; Spain and Quebec: 1 234,50 or 1.234,50). One reading for all
languages: the last separator followed by one or two digits is the decimal mark; separators
followed by groups of three digits are thousands. What was understood is shown back to the
person, so a misreading is seen, never silent.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CURRENCY = re.compile(r"(?i)\s*(ca?\$|cad|\$|dollars?|dólares?)\s*")
SPACES = re.compile(r"[\s\u00a0\u202f']")
THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")
PLAIN = re.compile(r"^\d+([.,]\d+)?$")


def parse_amount(text: str) -> Decimal:
    """The amount in `text`; raises ValueError when it is not one."""
    cleaned = SPACES.sub("", CURRENCY.sub("", str(text).strip()))
    if not cleaned or not re.fullmatch(r"[\d.,]+", cleaned):
        raise ValueError(text)
    marks = [i for i, c in enumerate(cleaned) if c in ".,"]
    if marks and len(cleaned) - marks[-1] - 1 in (1, 2):
        whole, fraction = cleaned[: marks[-1]], cleaned[marks[-1] + 1 :]
        if whole and not (THOUSANDS.match(whole) or whole.isdigit()):
            raise ValueError(text)
        number = re.sub(r"[.,]", "", whole or "0") + "." + fraction
    elif THOUSANDS.match(cleaned) and len({cleaned[i] for i in marks}) == 1:
        number = re.sub(r"[.,]", "", cleaned)
    elif PLAIN.match(cleaned):
        number = cleaned.replace(",", ".")
    else:
        raise ValueError(text)
    try:
        value = Decimal(number)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not value.is_finite():
        raise ValueError(text)
    return value


def is_plain(text: str, value: Decimal) -> bool:
    """True when the text is already the plain number (nothing to say about how it was read)."""
    return str(text).strip() in (str(value), format(value, "f"))
