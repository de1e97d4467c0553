from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from juntos.core.forms import add_service_errors


class NameForm(forms.Form):
    name = forms.CharField()


def bound():
    form = NameForm({"name": "Rosa"})
    assert form.is_valid()
    return form


def test_a_plain_error_goes_above_the_form():
    form = bound()
    add_service_errors(form, ValidationError("This review has already been moderated."))
    assert form.non_field_errors() == ["This review has already been moderated."]
    assert not form.is_valid()


def test_a_field_error_goes_on_its_field_and_an_unknown_field_above_the_form():
    form = bound()
    add_service_errors(
        form,
        ValidationError(
            {
                "name": ValidationError("%(n)s is taken.", params={"n": "Rosa"}),
                "season": "Choose this season or the last.",
                NON_FIELD_ERRORS: "Try again later.",
            }
        ),
    )
    assert form.errors["name"] == ["Rosa is taken."]
    assert form.non_field_errors() == ["Choose this season or the last.", "Try again later."]
    assert form.data["name"] == "Rosa"  # what was typed stays


def test_a_list_of_plain_errors_keeps_every_message():
    form = bound()
    add_service_errors(form, ValidationError(["One.", "Two."]))
    assert form.non_field_errors() == ["One.", "Two."]
