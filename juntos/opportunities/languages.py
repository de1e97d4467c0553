"""Language names as workers write them ("Español", "inglés", "English") read as codes."""

from __future__ import annotations

import functools
import unicodedata

_NAMES = {
    "es": {"es", "spanish", "espanol", "espagnol", "castellano"},
    "en": {"en", "english", "ingles", "anglais"},
    "fr": {"fr", "french", "frances", "francais"},
}
LANGUAGE_CODES = tuple(_NAMES)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=4096)  # the few names workers write, read for thousands of them
def language_code(text: str) -> str:
    """The two-letter code for a language name in en/es/fr, or the plain text itself."""
    plain = _plain(text)
    for code, names in _NAMES.items():
        if plain in names:
            return code
    return plain
