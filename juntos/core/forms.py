"""Form plumbing every app shares: a service's refusal shown on the form the person filled in."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from juntos.core.csrf import masked_token


def escaped(value: Any) -> str:
    """`conditional_escape` without its lazy-text wrappers, which were a fifth of a small
    form's time (for the fields here and the widgets of renderers.py): safe HTML as it is,
    anything else as its text, escaped the same way."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return html.escape(str(value))


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else above the form.

    A service may raise a plain error (no field key), e.g. when two people act on the same row at
    once; that one goes above the form too, never a 500.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def submit(form: forms.BaseForm, call: Callable[[], Any]) -> Any:
    """The one way a page runs a service from a form: when the form is valid, run the service
    and return what it returns; when the form or the service refuses, return None with why on
    the form (and what was typed still in it)."""
    if not form.is_valid():
        return None
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None


class _SharedParts(dict[str, forms.Field]):
    """A form class's fields, copied for each form without copying their widgets and choices."""

    def __deepcopy__(self, memo: dict[int, object]) -> dict[str, forms.Field]:
        return {name: _shallow_copy(field) for name, field in self.items()}


def _shallow_copy(field: forms.Field) -> forms.Field:
    """What `copy.copy` makes of a field (a new object with the same attributes), without its
    generic machinery, which cost about three times as much for each field of each form."""
    copied = field.__class__.__new__(field.__class__)
    copied.__dict__.update(field.__dict__)
    return copied


class FixedFieldsForm(forms.Form):
    """A form whose fields' widgets, choices and messages never change once the class is made.

    Django deep-copies every field of a form (its widget, its choices, its messages) for each
    form it makes, so that one form may change its own; on a form of twenty fields, or a page of
    several forms, that copying cost more than checking what was typed. A form of this class
    gets its own copy of each field (its `required`, `initial`, `label` are its own) sharing the
    widget, the choices and the messages with every other form of the class: it must never
    change those per form (set choices or widget attributes per form: use a plain Form).
    Adding or removing fields on one form is fine.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        if not isinstance(cls.__dict__.get("base_fields"), _SharedParts):
            cls.base_fields = _SharedParts(cls.base_fields)
        super().__init__(*args, **kwargs)


def _described(field: BoundField, id_: str, errors: Any) -> SafeString | str:
    if not field.help_text and not errors:
        return ""
    ids = (f"{id_}_helptext " if field.help_text else "") + (f"{id_}_error" if errors else "")
    return format_html(' aria-describedby="{}"', ids)


def _label_text(field: BoundField) -> SafeString:
    label = escaped(field.label)
    if field.field.required:
        return SafeString(label)
    return SafeString(f'{label} <span class="help">({escaped(gettext("optional"))})</span>')


def _help_and_errors(field: BoundField, id_: str, errors: Any) -> SafeString:
    help_text = (
        f'<p class="help" id="{escaped(id_)}_helptext">{escaped(field.help_text)}</p>'
        if field.help_text
        else ""
    )
    listed = (
        f'<ul class="errorlist" id="{escaped(id_)}_error">'
        + "".join(f"<li>{escaped(error)}</li>" for error in errors)
        + "</ul>"
        if errors
        else ""
    )
    return SafeString(f"{help_text}\n  {listed}")


def _choice(choice: Any) -> SafeString:
    data = choice.data
    return format_html(
        '\n    <label class="choice" for="{}"><input type="{}" name="{}" value="{}" id="{}"{}{}>'
        " <span>{}</span></label>",
        choice.id_for_label,
        data["type"],
        data["name"],
        data["value"],
        choice.id_for_label,
        mark_safe(" checked") if data["selected"] else "",
        mark_safe(" required") if data["attrs"].get("required") else "",
        choice.choice_label,
    )


def field_row(field: BoundField) -> SafeString:
    """One form field: its label, help and errors tied to the input for screen readers.

    Radio buttons and multiple check boxes are a fieldset with a legend, each choice written
    out (a template per option made long forms slow); any other field is a labelled widget.
    """
    id_ = field.auto_id or ""
    errors = field.errors
    widget = field.field.widget
    kind = getattr(widget, "input_type", None)
    if kind == "radio" or (kind == "checkbox" and getattr(widget, "allow_multiple_selected", 0)):
        return format_html(
            '<fieldset class="field"{}{}>\n  <legend>{}</legend>\n  {}{}\n</fieldset>',
            mark_safe(' aria-invalid="true"') if errors else "",
            _described(field, id_, errors),
            _label_text(field),
            _help_and_errors(field, id_, errors),
            format_html_join("", "{}", ((_choice(choice),) for choice in field)),
        )
    # Written with f-strings and `escaped`: format_html's lazy-text wrappers cost more than the
    # field itself on a long form (every value below is escaped or already safe HTML).
    return SafeString(
        f'<div class="field">\n  <label for="{escaped(id_)}">{_label_text(field)}</label>\n'
        f"  {_help_and_errors(field, id_, errors)}\n  {escaped(field)}\n</div>"
    )


def error_summary(form: Any) -> SafeString | str:
    """What is wrong with what was typed, at the top of the form: the form's own errors, then
    each field's, linked to the field. Nothing while the form has no errors (or no form)."""
    if not getattr(form, "errors", None):
        return ""
    own = form.non_field_errors()
    fields = [field for field in form if field.errors]
    return format_html(
        '\n<div class="error-summary" role="alert" tabindex="-1">\n  <h2>{}</h2>\n  {}\n'
        "  <ul>{}</ul>\n</div>\n",
        gettext("Please check what you typed"),
        format_html(
            '<ul class="errorlist">{}</ul>',
            format_html_join("", "<li>{}</li>", ((error,) for error in own)),
        )
        if own
        else "",
        format_html_join(
            "",
            '<li><a href="#{}">{}</a>: {}</li>',
            (
                (
                    field.auto_id,
                    field.label,
                    format_html_join(" ", "{}", ((error,) for error in field.errors)),
                )
                for field in fields
            ),
        ),
    )


def page_csrf_token(context: Any) -> str:
    """The CSRF token of the page being written, for a form a tag writes in Python.

    The page's context holds it lazily (juntos/core/csrf.py): read there, it is masked once
    for every form on the page, as `{% csrf_token %}` does, instead of once per form.
    """
    token = context.get("csrf_token")
    if token is not None:
        return str(token)
    request = context.get("request")
    return masked_token(request) if request is not None else ""


# A key no row has, valid for an <int:> and a <slug:> converter: it occurs once in an
# address reversed with it.
_ROW_SLOT = 987654321987654321


def row_urls(viewname: str, *fixed: object) -> Callable[[int | str], str]:
    """The address of `viewname` for each row's key (its last argument, after the `fixed`
    ones), reversed once: a page with a form per row reverses one address, not one per row
    (each `{% url %}` cost as much as writing the row). For the active language, as `reverse`.

    A key is an id or a text of ASCII letters and digits (a pseudonym), which an address holds
    as it is; any other text is refused rather than written unquoted.
    """
    head, tail = reverse(viewname, args=[*fixed, _ROW_SLOT]).split(str(_ROW_SLOT))

    def url(key: int | str) -> str:
        if isinstance(key, str) and not (key.isascii() and key.isalnum()):
            raise ValueError(f"not a key an address holds as it is: {key!r}")
        return f"{head}{key if isinstance(key, str) else int(key)}{tail}"

    return url
