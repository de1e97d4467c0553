"""Finding English left in a Spanish or French page.

A page's text is read as a person sees it: scripts, styles and the head are skipped, and so is
anything marked as another language (`lang="en"` on a quoted original or the current English
of a stale translation, which the page says it is showing). What remains must not contain
English words that neither Spanish nor French has: function words ("the", "your", "with")
and the words issue 14 found left over ("Warning", "Eligible", "Tue", "Thu", "sample").
Proper names and codes are allowed by ALLOWED, a short list of phrases removed first.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# English words that are not also Spanish or French words (so "on", "a", "me", "an", "as",
# "he", "or", "no" and "son" are left out).
ENGLISH_ONLY = frozenset(
    [
        "the",
        "and",
        "with",
        "your",
        "you",
        "this",
        "that",
        "from",
        "what",
        "which",
        "when",
        "where",
        "have",
        "will",
        "would",
        "should",
        "been",
        "were",
        "they",
        "their",
        "there",
        "here",
        "about",
        "into",
        "only",
        "for",
        "our",
        "who",
        "how",
        "any",
        "each",
        "every",
        "other",
        "than",
        "then",
        "also",
        "can",
        "may",
        "must",
        "because",
        "after",
        "before",
        "between",
        "without",
        "within",
        "through",
        "during",
        "is",
        "are",
        "was",
        "it",
        "its",
        "of",
        "to",
        "be",
        "by",
        "not",
        "but",
        "we",
        "us",
        "my",
        "she",
        "her",
        "his",
        "him",
        "them",
        "these",
        "those",
        "warning",
        "eligible",
        "ineligible",
        "sample",
        "tue",
        "thu",
        "wed",
        "fri",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "april",
        "june",
        "july",
        "august",
        "october",
        "december",
        "yes",
        "open",
        "closed",
        "none",
    ]
)

# Proper names and codes that may stay in English on any page.
ALLOWED = (
    "Service Canada",
    "Fraser Valley",
    "Valley Community Learning Centre",
    "Okanagan Orchards",
    "Pacific Agri",
    "WorkSafeBC",
    "Juntos",
)

SKIPPED_TAGS = {"script", "style", "head", "template", "noscript"}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
ADDRESS = re.compile(r"(?:https?|webcal)://\S+|(?<!\S)/\S+|\S*\d\S*[A-Za-z]\S*\d\S*")


class _VisibleText(HTMLParser):
    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden here or above)
        self.parts: list[str] = []

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        hidden = (
            self._hidden()
            or tag in SKIPPED_TAGS
            or (tag != "html" and lang is not None and not lang.startswith(self.language))
        )
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            self.stack.append((tag, hidden))
        elif tag == "input" and not hidden:
            values = dict(attrs)
            if values.get("type") in {"submit", "button"} and values.get("value"):
                self.parts.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            self.parts.append(data)


def visible_text(html: str, language: str) -> str:
    """The text of the page a reader of `language` sees as written in her language."""
    parser = _VisibleText(language)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_words(html: str, language: str, *, names: tuple[str, ...] = ()) -> list[str]:
    """English-only words of the page in the order they appear, after removing proper names."""
    # Addresses and codes shown as text (a calendar feed's link, a random token) are not words.
    text = ADDRESS.sub(" ", visible_text(html, language))
    for name in sorted((*ALLOWED, *names), key=len, reverse=True):
        text = text.replace(name, " ")
    return [word for word in WORD.findall(text) if word.lower() in ENGLISH_ONLY]
