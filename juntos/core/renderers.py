"""The form renderer: Django's, with the commonest widgets written without templates."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.safestring import SafeString

from juntos.core.forms import escaped


def widget_attributes(attrs: Mapping[str, Any]) -> SafeString:
    """A widget's attributes as Django's `attrs.html` writes them: True alone, False left out,
    anything else as its text, escaped."""
    return SafeString(
        "".join(
            f" {escaped(name)}" if value is True else f' {escaped(name)}="{escaped(str(value))}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


def _input(widget: Mapping[str, Any]) -> SafeString:
    value = widget["value"]
    shown = f' value="{escaped(str(value))}"' if value is not None else ""
    return SafeString(
        f'<input type="{escaped(widget["type"])}" name="{escaped(widget["name"])}"{shown}'
        f"{widget_attributes(widget['attrs'])}>"
    )


def _textarea(widget: Mapping[str, Any]) -> SafeString:
    return SafeString(
        f'<textarea name="{escaped(widget["name"])}"{widget_attributes(widget["attrs"])}>\n'
        f"{escaped(widget['value'] or '')}</textarea>"
    )


# Django's templates for these widgets only include `input.html` (or are `textarea.html`); each
# include is a template render, three for a text box. Their HTML is written here instead, the
# same to the byte (tests/test_it_renders_forms_quickly.py compares it with Django's renderer).
WIDGETS = "django/forms/widgets/"
WRITTEN: dict[str, Callable[[Mapping[str, Any]], SafeString]] = {
    **{
        f"{WIDGETS}{name}.html": _input
        for name in (
            "input", "text", "number", "email", "url", "password", "hidden", "date",
            "datetime", "time", "tel", "search", "color", "file", "checkbox",
        )
    },
    f"{WIDGETS}textarea.html": _textarea,
}  # fmt: skip


class FormRenderer(DjangoTemplates):
    """Looks in `juntos/core/form_templates` first, then where Django's renderer looks.

    Our `select.html` writes its options inline: Django's includes a template per option (and
    another for its attributes), which made the long selects of worker forms (months, provinces)
    the slowest part of their pages. The inputs and text areas in `WRITTEN` are written in
    Python without a template.
    """

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(__file__).parent / "form_templates",
                    Path(django.forms.__file__).parent / "templates",
                ],
                "NAME": "juntosforms",
                "OPTIONS": {},
            }
        )

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        write = WRITTEN.get(template_name)
        if write is not None and "widget" in context:
            return write(context["widget"])
        return super().render(template_name, context, request)
