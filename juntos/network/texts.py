"""Showing what people wrote in the reader's language, or saying that it is not translated.

Templates ask `{% shown thing as s %}` (templatetags/network_texts.py): the texts of one kind
in the active language are read once per page, whatever the number of things on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import translation

from juntos.network.models import (
    GroupText,
    Meeting,
    MeetingText,
    Recommendation,
    RecommendationText,
    WorkingGroup,
)
from juntos.network.models.texts import ContentText, source_digest

TEXT_MODELS: dict[type[models.Model], type[GroupText | RecommendationText | MeetingText]] = {
    WorkingGroup: GroupText,
    Recommendation: RecommendationText,
    Meeting: MeetingText,
}


@dataclass(frozen=True)
class Shown:
    """What a reader sees of one thing: in her language, or the original with a notice."""

    title: str
    body: str
    language: str
    not_translated: bool = False
    out_of_date: bool = False


def is_current(text: ContentText, source: Any) -> bool:
    """Whether a translation was made from the source as it reads now."""
    return text.source_digest == source_digest(*source.source_fields())


class TextsInLanguage:
    """The translations of one language, loaded one kind at a time, for one page."""

    def __init__(self, language: str | None = None) -> None:
        self.language = language or translation.get_language() or "en"
        self._by_kind: dict[type[models.Model], dict[int, ContentText]] = {}

    def _texts(self, kind: type[models.Model]) -> dict[int, ContentText]:
        if kind not in self._by_kind:
            rows = TEXT_MODELS[kind].objects.filter(language=self.language)
            self._by_kind[kind] = {row.source_id: row for row in rows}
        return self._by_kind[kind]

    def shown(self, source: Any) -> Shown:
        title, body = source.source_fields()
        if source.language == self.language or type(source) not in TEXT_MODELS:
            return Shown(title=title, body=body, language=source.language)
        text = self._texts(type(source)).get(source.pk)
        if text is None:
            return Shown(title=title, body=body, language=source.language, not_translated=True)
        return Shown(
            title=text.title,
            body=text.body if body else "",
            language=self.language,
            out_of_date=not is_current(text, source),
        )
