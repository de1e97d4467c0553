"""`field_row` and `form_errors` write a field and a form's errors as the templates they replaced
did (kept in data/ as the reference)."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from juntos.core.forms import error_summary, field_row

# The templates every form used before (core/_field.html, core/_form_errors.html), word for word.
DATA_DIR = Path(__file__).parent / "data"
REFERENCE = Template((DATA_DIR / "field_reference.html").read_text())


class Everything(forms.Form):
    name = forms.CharField(label="Name <b>", help_text="As on your <passport>.", max_length=5)
    note = forms.CharField(widget=forms.Textarea, required=False, label="Note")
    kind = forms.ChoiceField(
        choices=[("a", "A & b"), ("<c>", '"C"')], widget=forms.RadioSelect, label="Kind"
    )
    days = forms.MultipleChoiceField(
        choices=[(1, "Mon"), (2, "Tue")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=mark_safe("Pick <em>any</em>."),
    )
    agree = forms.BooleanField(label="I agree", required=False)
    month = forms.ChoiceField(choices=[("", "---"), ("1", "January")], required=False)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def _both(field) -> tuple[object, object]:
    return parse_html(field_row(field)), parse_html(REFERENCE.render(Context({"field": field})))


DATA = st.fixed_dictionaries(
    {},
    optional={
        "name": st.text(max_size=8),
        "note": st.text(max_size=8),
        "kind": st.sampled_from(["a", "<c>", "zz", ""]),
        "days": st.lists(st.sampled_from(["1", "2", "9"]), max_size=3),
        "agree": st.sampled_from(["on", ""]),
        "month": st.sampled_from(["", "1", "13"]),
        "when": st.sampled_from(["2026-05-04", "nope", ""]),
    },
)


@settings(max_examples=200, deadline=None)
@given(DATA, st.sampled_from(["en", "es", "fr"]), st.booleans(), st.booleans())
def test_it_writes_every_kind_of_field_as_the_reference_template(data, language, bound, auto_id):
    with translation.override(language):
        form = Everything(data if bound else None, auto_id="id_%s" if auto_id else False)
        form.is_valid()
        for name in form.fields:
            ours, reference = _both(form[name])
            assert ours == reference, name


def test_errors_and_help_are_tied_to_a_fieldset_and_text_is_escaped():
    form = Everything({"kind": "zz", "name": "<script>x"})
    form.is_valid()
    html = field_row(form["kind"])
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_kind_error"' in html
    assert '"C"' not in html and "&quot;C&quot;" in html
    assert "<script>" not in field_row(form["name"])


ERRORS_REFERENCE = Template((DATA_DIR / "form_errors_reference.html").read_text())


class WithOwnErrors(Everything):
    def clean(self):
        raise forms.ValidationError(["Not <both>.", "Nor this."])


@settings(max_examples=100, deadline=None)
@given(DATA, st.sampled_from(["en", "es", "fr"]), st.booleans(), st.booleans())
def test_the_error_summary_is_the_reference_templates(data, language, bound, own_errors):
    with translation.override(language):
        kind = WithOwnErrors if own_errors else Everything
        form = kind(data if bound else None)
        form.is_valid()
        reference = ERRORS_REFERENCE.render(Context({"form": form}))
        assert parse_html(error_summary(form)) == parse_html(reference)


def test_no_form_or_a_form_without_errors_writes_nothing():
    assert error_summary(None) == "" and error_summary("") == ""
    assert error_summary(Everything()) == ""
