"""The library's own articles, as data: one JSON file per group, read by `rights_load_content`.

Each article lists its versions oldest first; each version has an English, Spanish and French
text. A change to the law is a new version appended to the list, never an edit of an old one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).resolve().parent


def article_specs() -> list[dict[str, Any]]:
    """Every article spec from the JSON files, in file-name order."""
    specs: list[dict[str, Any]] = []
    for path in sorted(CONTENT_DIR.glob("*.json")):
        specs.extend(json.loads(path.read_text(encoding="utf-8")))
    return specs
