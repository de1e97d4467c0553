"""Template helpers for forms."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """HTML attributes as Django writes them: True alone, False left out, the rest quoted."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


def _options(options: list[dict[str, Any]]) -> SafeString:
    return format_html_join(
        "",
        '\n  <option value="{}"{}>{}</option>',
        ((str(o["value"]), _attributes(o["attrs"]), o["label"]) for o in options),
    )


@register.simple_tag
def select_options(widget: dict[str, Any]) -> SafeString:
    """A select's options (and groups), written in Python: a template per option is slow."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('\n  <optgroup label="{}">{}\n  </optgroup>', name, _options(options))
                if name
                else _options(options),
            )
            for name, options, _index in widget["optgroups"]
        ),
    )
