"""The form renderer writes select options, inputs and text areas in Python; the HTML must be
Django's own."""

from __future__ import annotations

from pathlib import Path

import django.forms
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html
from hypothesis import given, settings
from hypothesis import strategies as st

from juntos.core.renderers import WRITTEN, FormRenderer

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


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
ATTRS = st.dictionaries(
    st.sampled_from(["class", "placeholder", "autocomplete", "inputmode", "disabled", "step"]),
    st.one_of(st.booleans(), st.none(), TEXT, st.integers(-5, 5)),
    max_size=4,
)
WIDGETS = [
    forms.TextInput, forms.NumberInput, forms.EmailInput, forms.URLInput, forms.PasswordInput,
    forms.HiddenInput, forms.DateInput, forms.DateTimeInput, forms.TimeInput, forms.Textarea,
    forms.CheckboxInput, forms.FileInput,
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(WIDGETS), ATTRS, st.one_of(st.none(), TEXT, st.booleans()))
def test_inputs_and_text_areas_written_in_python_are_djangos_html_to_the_byte(kind, attrs, value):
    widget = kind(attrs=attrs)
    ours = widget.render("field", value, attrs={"id": "id_field"}, renderer=FormRenderer())
    djangos = widget.render("field", value, attrs={"id": "id_field"}, renderer=DjangoTemplates())
    assert ours == djangos


def test_every_template_it_writes_is_still_djangos_include_of_input_or_its_text_area():
    """If a Django release changed one of these templates, the written HTML would drift."""
    root = Path(django.forms.__file__).parent / "templates"
    for name in WRITTEN:
        text = (root / name).read_text().strip()
        if name.endswith(("input.html", "textarea.html")):
            continue  # compared above, widget by widget
        assert text == '{% include "django/forms/widgets/input.html" %}', name


def test_a_select_still_writes_its_attributes():
    form = Choices()
    form.fields["one"].widget.attrs.update({"class": "a<b", "disabled": True, "hidden": False})
    html = str(form["one"])
    assert 'class="a&lt;b"' in html and " disabled" in html and "hidden" not in html
