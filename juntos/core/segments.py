"""How many SMS segments a text takes, and fitting a long text into a few without cutting words.

Carriers send a text in GSM-7 (the 3GPP TS 23.038 default alphabet, 7 bits a character) when
every character is in it, else in UCS-2 (UTF-16, 16 bits a code unit). One segment holds 160
GSM-7 septets or 70 UCS-2 units; a text in several segments loses room to the concatenation
header: 153 septets or 67 units each. Characters of the GSM-7 extension table (`{ } [ ] ~ | ^ \\ €`
and form feed) take two septets (an escape and the character), and a pair is never split across
segments; nor is a UTF-16 surrogate pair. Spanish "é", "ñ", "ü", "¿", "¡" and French "è", "é",
"à", "ù" are in GSM-7, but "á", "í", "ó", "ú", "ç", "â", "ê", "ô"… are not, so most accented
Spanish and French goes out as UCS-2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")

# A long text is cut to this many segments, with a link to the rest.
MAX_SEGMENTS = 3
# What ends a cut text before its link; plain dots, since "…" is not in GSM-7.
ELLIPSIS = "..."
URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Segments:
    encoding: str  # "gsm7" or "ucs2"
    count: int


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def _units(text: str, gsm7: bool) -> list[int]:
    """The width of each character: septets in GSM-7, UTF-16 code units in UCS-2."""
    if gsm7:
        return [2 if ch in GSM7_EXTENSION else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def sms_segments(text: str) -> Segments:
    """The encoding a carrier uses for this text and how many segments it takes (0 if empty)."""
    gsm7 = is_gsm7(text)
    encoding = "gsm7" if gsm7 else "ucs2"
    units = _units(text, gsm7)
    single, multi = (160, 153) if gsm7 else (70, 67)
    if sum(units) <= single:
        return Segments(encoding, 1 if text else 0)
    count, room = 1, multi
    for width in units:  # a two-unit character never straddles two segments
        if width > room:
            count, room = count + 1, multi
        room -= width
    return Segments(encoding, count)


def sms_fit(text: str, *, fallback_link: str = "", max_segments: int = MAX_SEGMENTS) -> str:
    """The text as is if it fits in `max_segments`, else its first whole words and a link.

    The link is the text's last URL, or else `fallback_link`. Words and URLs are never cut: the
    short text keeps whole words only (a URL is a word). With no link, the words that fit.
    """
    if sms_segments(text).count <= max_segments:
        return text
    urls = URL.findall(text)
    link = urls[-1] if urls else fallback_link
    words = text.split()
    tail = f"{ELLIPSIS} {link}" if link else ELLIPSIS

    def candidate(n: int) -> str:
        if not n:
            return tail
        # Dots glued to a URL would become part of it on the phone: a space keeps it whole.
        glue = " " if URL.match(words[n - 1]) else ""
        return f"{' '.join(words[:n])}{glue}{tail}"

    low, high = 0, len(words)  # the most words that fit: a binary search (fitting is monotone)
    while low < high:
        middle = (low + high + 1) // 2
        if sms_segments(candidate(middle)).count <= max_segments:
            low = middle
        else:
            high = middle - 1
    return candidate(low)
