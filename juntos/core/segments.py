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
GSM7 = GSM7_BASIC | GSM7_EXTENSION

# A long text is cut to this many segments, with a link to the rest.
MAX_SEGMENTS = 3
# What ends a cut text before its link; plain dots, since "…" is not in GSM-7.
ELLIPSIS = "..."
URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Segments:
    encoding: str  # "gsm7" or "ucs2"
    count: int


def sms_segments(text: str) -> Segments:
    """The encoding a carrier uses for this text and how many segments it takes (0 if empty).

    A text's characters are counted as a set and in C (`str.count`, UTF-16 encoding); only a
    text of several segments holding a two-unit character is walked character by character,
    since such a character may have to start the next segment early.
    """
    if not text:
        return Segments("gsm7", 0)
    present = set(text)
    if GSM7.issuperset(present):
        encoding, single, multi = "gsm7", 160, 153
        doubled = present & GSM7_EXTENSION
        units = len(text) + sum(text.count(ch) for ch in doubled)
    else:
        encoding, single, multi = "ucs2", 70, 67
        units = len(text.encode("utf-16-le", "surrogatepass")) // 2
        doubled = {ch for ch in present if ord(ch) > 0xFFFF}
    if units <= single:
        return Segments(encoding, 1)
    if not doubled:
        return Segments(encoding, -(-units // multi))
    count, room = 1, multi
    for ch in text:  # a two-unit character never straddles two segments
        width = 2 if ch in doubled else 1
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
