"""SMS segments: GSM-7 or UCS-2, extension characters count two, and long texts are cut whole."""

from __future__ import annotations

import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from juntos.core.segments import (
    GSM7_BASIC,
    GSM7_EXTENSION,
    MAX_SEGMENTS,
    Segments,
    sms_fit,
    sms_segments,
)


def test_plain_text_is_gsm7_and_fits_160_then_153_per_segment():
    assert sms_segments("a" * 160) == Segments("gsm7", 1)
    assert sms_segments("a" * 161) == Segments("gsm7", 2)
    assert sms_segments("a" * 306) == Segments("gsm7", 2)
    assert sms_segments("a" * 307) == Segments("gsm7", 3)


def test_extension_characters_count_two_and_are_never_split():
    assert sms_segments("€" * 80) == Segments("gsm7", 1)  # 160 septets
    assert sms_segments("€" * 81) == Segments("gsm7", 2)
    # 152 plain septets then "€": the pair does not fit in the first segment's last septet.
    assert sms_segments("a" * 152 + "€" + "a" * 10).count == 2


def test_accented_spanish_and_french_force_ucs2_at_70_then_67():
    assert sms_segments("información").encoding == "ucs2"  # ó is not in GSM-7
    assert sms_segments("Ça coûte cher").encoding == "ucs2"
    assert sms_segments("ñandú señor").encoding == "ucs2"  # ú forces it, ñ alone would not
    assert sms_segments("señor").encoding == "gsm7"
    assert sms_segments("á" * 70) == Segments("ucs2", 1)
    assert sms_segments("á" * 71) == Segments("ucs2", 2)
    assert sms_segments("á" * 134) == Segments("ucs2", 2)
    assert sms_segments("á" * 135) == Segments("ucs2", 3)


def test_an_emoji_takes_two_ucs2_units():
    assert sms_segments("😀" * 35) == Segments("ucs2", 1)
    assert sms_segments("😀" * 36).count == 2


def test_a_long_text_keeps_whole_words_and_its_link():
    link = "https://juntos.example.org/es/rights/articles/bc-sawp-housing-deduction/"
    text = "La deducción por vivienda " * 40 + link
    fitted = sms_fit(text)
    assert sms_segments(fitted).count <= MAX_SEGMENTS
    assert fitted.endswith("... " + link)
    assert fitted.startswith("La deducción por vivienda La")


def test_a_short_text_is_left_as_it_is():
    assert sms_fit("Hola, ¿qué tal?") == "Hola, ¿qué tal?"


words = st.text(
    alphabet=st.sampled_from(sorted(GSM7_BASIC | GSM7_EXTENSION | set("áéíóúçêàñ😀"))),
    min_size=1,
    max_size=14,
).map(lambda w: "".join(w.split()) or "x")
urls = st.builds(
    lambda path: f"https://juntos.example.org/{path}",
    st.from_regex(r"[a-z0-9/-]{1,40}", fullmatch=True),
)


# 300 in the suite; JUNTOS_HYPOTHESIS_EXAMPLES=10000 for a long run by hand.
EXAMPLES = int(os.environ.get("JUNTOS_HYPOTHESIS_EXAMPLES", "300"))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.one_of(words, urls), min_size=1, max_size=200))
def test_a_fitted_text_fits_and_never_cuts_a_word_or_a_url(tokens):
    text = " ".join(tokens)
    fitted = sms_fit(text, fallback_link="https://juntos.example.org/")
    assert sms_segments(fitted).count <= MAX_SEGMENTS
    if fitted == text:
        return
    kept, _dots, link = fitted.rpartition("... ")
    assert link in tokens or link == "https://juntos.example.org/"
    kept_words = kept.split()
    assert kept_words == text.split()[: len(kept_words)]  # whole words, from the start
    for url in re.findall(r"https?://\S+", fitted):
        assert url in tokens or url == "https://juntos.example.org/"


def _segments_one_by_one(text: str) -> Segments:
    """The count as the definition gives it, character by character."""
    gsm7 = all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)
    if gsm7:
        widths = [2 if ch in GSM7_EXTENSION else 1 for ch in text]
    else:
        widths = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
    encoding = "gsm7" if gsm7 else "ucs2"
    single, multi = (160, 153) if gsm7 else (70, 67)
    if sum(widths) <= single:
        return Segments(encoding, 1 if text else 0)
    count, room = 1, multi
    for width in widths:
        if width > room:
            count, room = count + 1, multi
        room -= width
    return Segments(encoding, count)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(sorted(GSM7_BASIC | GSM7_EXTENSION)),
            st.sampled_from("áéíóúçêàñ😀𝄞\ud800\udfff"),
            st.characters(),
        ),
        max_size=700,
    )
)
def test_the_count_is_the_definitions_character_by_character(text):
    assert sms_segments(text) == _segments_one_by_one(text)


def test_the_counts_at_every_boundary_are_the_definitions():
    for length in range(150, 470):
        half, quarter = length // 2, length // 4
        texts = ["a" * length, "á" * half, "a" * (length - 1) + "€", "€a" * half,
                 "😀" + "á" * half, "😀" * quarter + "a"]  # fmt: skip
        for text in texts:
            assert sms_segments(text) == _segments_one_by_one(text), (length, text[:3])
