"""What a search backend receives and returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchRequest:
    """Terms already normalised; the scope lists token alternatives (any one must match)."""

    language: str
    terms: list[str]
    scope: list[str] = field(default_factory=list)
    # Scope tokens are prefixes (a province without a program).
    scope_prefix: bool = False
    match_all: bool = True
    # Match the words in titles and keywords only: the cheap first pass of search_articles.
    title_only: bool = False
    limit: int = 20
