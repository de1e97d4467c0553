"""`{{ text.summary|figures }}`: an article text with its rule figures filled in."""

from __future__ import annotations

from django import template
from django.utils import translation

from juntos.rights.figure_tags import render_figures

register = template.Library()


@register.filter
def figures(text: str) -> str:
    """The text with each `[[RULE.parameter]]` shown as the rule's figure, in the page's
    language (see figure_tags)."""
    return render_figures(str(text or ""), translation.get_language() or "en")


@register.filter
def figures_in(text: str, language: str) -> str:
    """The same, in a given language (the English text shown beside a translation)."""
    return render_figures(str(text or ""), language)
