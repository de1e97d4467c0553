"""Old against proposed text, word by word, for reading an amendment without JavaScript."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Words with the spaces and line breaks after them, so that joining the parts gives the text.
_WORDS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class DiffPart:
    """A run of words kept (`same`), taken out (`removed`) or put in (`added`)."""

    kind: str
    text: str


def word_diff(old: str, new: str) -> list[DiffPart]:
    """The parts that turn `old` into `new`; joining every part but the added gives `old`."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    parts: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(DiffPart("same", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            parts.append(DiffPart("removed", "".join(before[a1:a2])))
        if b2 > b1:
            parts.append(DiffPart("added", "".join(after[b1:b2])))
    return parts
