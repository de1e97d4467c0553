"""The indexed words of each language, for fixing typos and suggesting words.

Kept in `SearchTerm` (one row per term and language, added as articles are indexed) and
remembered per process for a minute, so a search reads it at most once a minute: fixing a
typo is a lookup in memory (rapidfuzz, in C), never work per indexed row.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from juntos.rights.models import ArticleText, SearchTerm
from juntos.rights.search.normalise import term_words

MEMORY_SECONDS = 60
# Terms shorter than this are not corrected: one edit turns them into another real word.
MIN_CORRECTED_LENGTH = 4
MAX_TERM_LENGTH = 80
# How alike (0-100, rapidfuzz's ratio) a word must be to be suggested.
SUGGESTION_SIMILARITY = 70


@dataclass
class _Vocabulary:
    loaded_at: float
    words: dict[str, str]  # term -> a word it came from
    terms: list[str]


_memory: dict[str, _Vocabulary] = {}


def terms_of(texts: list[ArticleText]) -> list[SearchTerm]:
    """The vocabulary rows of these texts' terms, one per language and term (not saved)."""
    rows: dict[tuple[str, str], str] = {}
    for text in texts:
        content = f"{text.title}\n{text.keywords}\n{text.summary}\n{text.body}"
        for term, word in term_words(content, text.language):
            if len(term) <= MAX_TERM_LENGTH and len(word) <= MAX_TERM_LENGTH:
                rows.setdefault((text.language, term), word)
    return [SearchTerm(language=lang, term=term, word=word) for (lang, term), word in rows.items()]


def forget() -> None:
    """Drop this process's memory of the vocabularies (after indexing)."""
    _memory.clear()


def _vocabulary(language: str) -> _Vocabulary:
    known = _memory.get(language)
    if known is None or time.monotonic() - known.loaded_at > MEMORY_SECONDS:
        words = dict(SearchTerm.objects.filter(language=language).values_list("term", "word"))
        known = _Vocabulary(loaded_at=time.monotonic(), words=words, terms=sorted(words))
        _memory[language] = known
    return known


def is_known(term: str, language: str) -> bool:
    return term in _vocabulary(language).words


def correction(term: str, language: str) -> str | None:
    """The closest indexed term to an unknown one (one edit, two for longer words), or None."""
    if len(term) < MIN_CORRECTED_LENGTH:
        return None
    vocabulary = _vocabulary(language)
    if term in vocabulary.words:
        return None
    edits = 1 if len(term) < 7 else 2
    found = process.extractOne(
        term, vocabulary.terms, scorer=Levenshtein.distance, score_cutoff=edits
    )
    return found[0] if found else None


def word_for(term: str, language: str) -> str:
    """A word as people write it for an indexed term ("vivienda" for "viviend")."""
    return _vocabulary(language).words.get(term, term)


def nearest_words(term: str, language: str, *, limit: int = 3) -> list[str]:
    """Up to `limit` indexed words close to a term, for "try these words" suggestions."""
    if len(term) < 3:
        return []
    vocabulary = _vocabulary(language)
    found = process.extract(
        term, vocabulary.terms, scorer=fuzz.ratio, score_cutoff=SUGGESTION_SIMILARITY, limit=limit
    )
    return [vocabulary.words[match] for match, _, _ in found]
