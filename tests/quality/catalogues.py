"""Read the apps' gettext catalogues as (app, language, msgid, translations) entries."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_FIELD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) (".*")$')


@dataclass(frozen=True)
class Entry:
    app: str
    language: str
    msgid: str
    translations: tuple[str, ...]


def catalogue_paths() -> list[Path]:
    """Every app's django.po, Spanish and French."""
    return sorted(ROOT.glob("juntos/**/locale/*/LC_MESSAGES/django.po"))


def _fields(block: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = ""
    for line in block:
        match = _FIELD.match(line)
        if match:
            key = match.group(1)
            fields[key] = ast.literal_eval(match.group(2))
        elif key and line.startswith('"'):
            fields[key] += ast.literal_eval(line)
    return fields


def entries() -> Iterator[Entry]:
    """Every translated entry of every catalogue (the header excluded)."""
    for path in catalogue_paths():
        rel = path.relative_to(ROOT / "juntos").parts
        app = rel[0] if rel[0] != "locale" else "juntos"
        language = path.parent.parent.name
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            fields = _fields([line for line in block.splitlines() if not line.startswith("#")])
            if not fields.get("msgid"):
                continue
            translations = tuple(v for k, v in fields.items() if k.startswith("msgstr"))
            yield Entry(app, language, fields["msgid"], translations)
