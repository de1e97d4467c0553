"""Typo- and accent-tolerant matching that works the same on SQLite and PostgreSQL.

Names are stored with a normalised `search_key` (casefolded, accents removed, punctuation
collapsed). Candidates are rows whose key contains any three-letter piece of the query, which
survives most typos; rapidfuzz then ranks the few candidates in Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import reduce
from operator import add, or_
from typing import Any

from django.db.models import Case, Q, Value, When
from rapidfuzz import fuzz

NON_WORD = re.compile(r"[^0-9a-z]+")
MAX_PIECES = 30
MIN_SCORE = 70


def normalise(text: str) -> str:
    """Casefold, strip accents and collapse everything but letters and digits to one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return NON_WORD.sub(" ", plain).strip()


def search_key(*parts: str) -> str:
    """The stored key of a row: its names, normalised, one space apart."""
    return " ".join(filter(None, (normalise(part) for part in parts)))


def pieces(query: str) -> list[str]:
    """Three-letter pieces of each word (short words whole), at most MAX_PIECES."""
    found: list[str] = []
    for word in normalise(query).split():
        grams = [word] if len(word) <= 3 else [word[i : i + 3] for i in range(len(word) - 2)]
        found.extend(gram for gram in grams if gram not in found)
    return found[:MAX_PIECES]


def candidate_filter(query: str, field: str = "search_key") -> Q | None:
    """A portable filter for rows that may match; None when the query has no letters."""
    grams = pieces(query)
    if not grams:
        return None
    return reduce(or_, (Q(**{f"{field}__contains": gram}) for gram in grams))


def shared_pieces(query: str, field: str = "search_key") -> Any:
    """How many of the query's pieces a row's key contains: a portable trigram similarity.

    Ordering candidates by it before the cap keeps the closest rows when a short, common query
    matches far more rows than rapidfuzz is given.
    """
    hits = [
        Case(When(Q(**{f"{field}__contains": gram}), then=Value(1)), default=Value(0))
        for gram in pieces(query)
    ]
    return reduce(add, hits) if hits else Value(0)


def score(query: str, key: str) -> float:
    """How well a stored key matches the query, 0 to 100."""
    wanted = normalise(query)
    return max(fuzz.WRatio(wanted, key), fuzz.token_set_ratio(wanted, key))


def rank(query: str, keyed: Iterable[tuple[int, str]], *, limit: int) -> list[int]:
    """Ids of the best matches, best first, leaving out weak ones."""
    scored = [(score(query, key), row_id) for row_id, key in keyed]
    good = sorted((s for s in scored if s[0] >= MIN_SCORE), key=lambda s: (-s[0], s[1]))
    return [row_id for _, row_id in good[:limit]]
