"""The form renderer writes select options in Python; the HTML must be Django's own."""

from __future__ import annotations

from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html

from juntos.core.renderers import FormRenderer

GROUPED = [
    ("", "---"),
    ("Fruit", [("apple", "Apple & pear"), ("plum", 'Plum "red"')]),
    ("Other", [("<x>", "<script>")]),
]


class Choices(forms.Form):
    one = forms.ChoiceField(choices=GROUPED, help_text="Pick one.")
    many = forms.MultipleChoiceField(choices=GROUPED, required=False)
    number = forms.TypedChoiceField(choices=[(1, "one"), (2, "two")], coerce=int)


def _html(renderer, data=None) -> object:
    form = Choices(data, renderer=renderer)
    form.is_valid()
    return parse_html("".join(str(form[name]) for name in form.fields))


def test_select_html_matches_djangos_for_empty_and_bound_forms():
    for data in (None, {"one": "plum", "many": ["apple", "<x>"], "number": "2"}, {"one": "?"}):
        assert _html(FormRenderer(), data) == _html(DjangoTemplates(), data)


def test_the_site_uses_it_and_escapes_labels():
    form = Choices({"one": "<x>"})
    html = str(form["one"])
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert '<option value="&lt;x&gt;" selected>' in html
    assert isinstance(form.renderer, FormRenderer)
