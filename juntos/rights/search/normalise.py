"""Turning text into search terms: lower case, no accents, stemmed per language.

Both database backends index the terms made here, so a word is found the same way on SQLite
and PostgreSQL, and a worker who types "deduccion" finds "deducción".
"""

from __future__ import annotations

import re
import threading
import unicodedata

import snowballstemmer

from juntos.rights.figure_tags import TAG

STEMMERS = {"en": "english", "es": "spanish", "fr": "french"}
WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_TERMS = 12

# Words too common to tell articles apart; dropping them keeps the index small and fast.
STOPWORDS = {
    "en": set(
        [
            "a",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "by",
            "can",
            "do",
            "for",
            "from",
            "has",
            "have",
            "if",
            "in",
            "is",
            "it",
            "its",
            "may",
            "must",
            "no",
            "not",
            "of",
            "on",
            "or",
            "that",
            "the",
            "their",
            "there",
            "they",
            "this",
            "to",
            "was",
            "what",
            "when",
            "where",
            "which",
            "who",
            "will",
            "with",
            "you",
            "your",
        ]
    ),
    "es": set(
        [
            "a",
            "al",
            "como",
            "con",
            "de",
            "del",
            "el",
            "en",
            "es",
            "esta",
            "este",
            "hay",
            "la",
            "las",
            "lo",
            "los",
            "mas",
            "me",
            "mi",
            "no",
            "o",
            "para",
            "pero",
            "por",
            "que",
            "se",
            "si",
            "sin",
            "su",
            "sus",
            "te",
            "tu",
            "un",
            "una",
            "y",
            "ya",
        ]
    ),
    "fr": set(
        [
            "a",
            "au",
            "aux",
            "avec",
            "ce",
            "ces",
            "dans",
            "de",
            "des",
            "du",
            "elle",
            "en",
            "est",
            "et",
            "il",
            "ils",
            "je",
            "la",
            "le",
            "les",
            "leur",
            "mais",
            "ne",
            "ni",
            "nous",
            "on",
            "ou",
            "par",
            "pas",
            "pour",
            "qu",
            "que",
            "qui",
            "sa",
            "se",
            "ses",
            "si",
            "son",
            "sur",
            "un",
            "une",
            "vos",
            "votre",
            "vous",
        ]
    ),
}


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_per_thread = threading.local()


def _stemmer(language: str) -> snowballstemmer.stemmer:
    """This thread's stemmer for the language.

    A snowball stemmer keeps the word it is working on in itself, so one shared by the threads
    of a server (gunicorn's gthread workers) can mix two searches' words up or fail.
    """
    stemmers: dict[str, snowballstemmer.stemmer] | None = getattr(_per_thread, "stemmers", None)
    if stemmers is None:
        stemmers = _per_thread.stemmers = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(STEMMERS.get(language, "english"))
    return stemmers[language]


def terms(text: str, language: str) -> list[str]:
    """The stemmed, accent-free words of a text, stopwords removed, in order."""
    stemmer = _stemmer(language)
    stop = STOPWORDS.get(language, set())
    found = []
    # A rule figure's tag ([[MW-MB.hourly]]) is no word anyone searches for.
    for word in WORD.findall(strip_accents(TAG.sub(" ", text).lower())):
        if word in stop:
            continue
        found.append(stemmer.stemWord(word))
    return found


def term_words(text: str, language: str) -> list[tuple[str, str]]:
    """(term, the word as written in lower case) for each word of a text, stopwords removed."""
    stemmer = _stemmer(language)
    stop = STOPWORDS.get(language, set())
    found = []
    for word in WORD.findall(TAG.sub(" ", text).lower()):
        plain = strip_accents(word)
        if plain in stop:
            continue
        found.append((stemmer.stemWord(plain), word))
    return found


def query_terms(query: str, language: str) -> list[str]:
    """Distinct terms of what a person typed, at most MAX_QUERY_TERMS of them."""
    unique = dict.fromkeys(terms(query, language))
    return list(unique)[:MAX_QUERY_TERMS]


def _token(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", value.lower())


ALL_PROGRAMS = "all"
FEDERAL = "CA"


def scope_token(jurisdiction: str, program: str) -> str:
    """One place and one program as one token: "sbcsawpmx"; "sbcall" for every program."""
    return "s" + _token(jurisdiction) + _token(program)


def scope_terms(jurisdictions: list[str], programs: list[str]) -> str:
    """Where an article applies, one token per place and program (short lists, fast filters)."""
    return " ".join(
        scope_token(place, program)
        for place in jurisdictions
        for program in programs or [ALL_PROGRAMS]
    )


def scope_query(province: str, program: str) -> list[str]:
    """The tokens any of which an article needs to apply to this province and program.

    Federal articles apply in every province. Without a program, each token is a prefix.
    """
    if not province:
        return []
    places = [province, FEDERAL] if province.upper() != FEDERAL else [FEDERAL]
    if not program:
        return [scope_token(place, "") for place in places]
    return [scope_token(place, code) for place in places for code in (program, ALL_PROGRAMS)]
