"""The library's own articles, as data: one JSON file per group, read by `rights_load_content`.

Each article lists its versions oldest first; each version has an English, Spanish and French
text. A change to the law is a new version appended to the list, never an edit of an old one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NotRequired, TypedDict

CONTENT_DIR = Path(__file__).resolve().parent


class VersionSpec(TypedDict):
    """One version of an article as the JSON files write it (dates in ISO form)."""

    effective_from: str
    source_url: str
    source_title: str
    source_date: str
    uncertain: NotRequired[bool]
    texts: dict[str, dict[str, str]]


class ArticleSpec(TypedDict):
    """One article as the JSON files write it, its versions oldest first."""

    slug: str
    topics: list[str]
    jurisdictions: list[str]
    programs: list[str]
    position: NotRequired[int]
    versions: list[VersionSpec]


def article_specs() -> list[ArticleSpec]:
    """Every article spec from the JSON files, in file-name order."""
    specs: list[ArticleSpec] = []
    for path in sorted(CONTENT_DIR.glob("*.json")):
        specs.extend(json.loads(path.read_text(encoding="utf-8")))
    return specs
