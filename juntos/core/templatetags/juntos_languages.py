"""Template helpers for languages: staff read "Spanish", never the code "es"."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language_info

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """The language's name in the reader's language ("español" for "es" on a Spanish page)."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


@register.filter
def language_names(codes: list[str]) -> str:
    """Several languages by name, comma-separated ("español, francés")."""
    return ", ".join(language_name(code) for code in codes)
