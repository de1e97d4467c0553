"""`{% shown thing as s %}`: a group, recommendation or meeting in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template

from juntos.network.texts import Shown, TextsInLanguage

register = template.Library()
_KEY = "_network_texts"


@register.simple_tag(takes_context=True)
def shown(context: template.Context, source: Any) -> Shown:
    """The source's text in the active language; one query per kind for the whole page."""
    texts = context.get(_KEY)
    if texts is None or texts.language != TextsInLanguage().language:
        texts = TextsInLanguage()
        # The bottom layer lives for the whole render, includes and loops included.
        context.dicts[0][_KEY] = texts
    return texts.shown(source)
