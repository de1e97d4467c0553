"""Template helpers for forms."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from juntos.core.forms import error_summary, field_row
from juntos.core.labels import choice_label
from juntos.core.renderers import widget_attributes

register = template.Library()

# A widget's attributes, as Django's attrs.html writes them.
register.simple_tag(widget_attributes, name="widget_attributes")
# One form field with its label, help and errors (core/forms.py).
register.simple_tag(field_row, name="field_row")
# What is wrong with what was typed, at the top of a form (core/forms.py).
register.simple_tag(error_summary, name="form_errors")
# A stored choice's label, `{{ season|label:"province" }}`, as `get_province_display` gives it
# at a fraction of its cost (core/labels.py).
register.filter("label", choice_label)


def _options(options: list[dict[str, Any]]) -> SafeString:
    return format_html_join(
        "",
        '\n  <option value="{}"{}>{}</option>',
        ((str(o["value"]), widget_attributes(o["attrs"]), o["label"]) for o in options),
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
