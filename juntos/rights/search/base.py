"""What a search backend receives and returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SearchRequest:
    """Terms already normalised; the scope lists token alternatives (any one must match)."""

    language: str
    terms: list[str]
    # Other terms that stand for a term (synonyms, a typo's correction): any one matches.
    alternatives: dict[str, list[str]] = field(default_factory=dict)
    scope: list[str] = field(default_factory=list)
    # Scope tokens are prefixes (a province without a program).
    scope_prefix: bool = False
    match_all: bool = True
    # Match the words in titles and keywords only: the cheap first pass of search_articles.
    title_only: bool = False
    limit: int = 20


def term_groups(request: SearchRequest) -> list[list[str]]:
    """Each term with its alternatives, without repeats; one group per idea the person typed."""
    groups: list[list[str]] = []
    for term in request.terms:
        group = list(dict.fromkeys([term, *request.alternatives.get(term, [])]))
        if not any(set(group) == set(other) for other in groups):
            groups.append(group)
    return groups
