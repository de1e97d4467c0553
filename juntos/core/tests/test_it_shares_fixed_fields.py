"""FixedFieldsForm: each form has its own fields (required, initial, added fields) while the
widgets and choices are shared; data never leaks from one form to another."""

from __future__ import annotations

from django import forms

from juntos.core.forms import FixedFieldsForm


class _Where(FixedFieldsForm):
    province = forms.ChoiceField(choices=[("BC", "BC"), ("ON", "ON")])
    hours = forms.IntegerField(min_value=0)


def test_each_form_reads_its_own_data():
    first, second = _Where({"province": "BC", "hours": "3"}), _Where({"province": "XX"})
    assert first.is_valid() and first.cleaned_data == {"province": "BC", "hours": 3}
    assert not second.is_valid() and set(second.errors) == {"province", "hours"}
    assert 'value="3"' in str(first["hours"]) and 'value="3"' not in str(second["hours"])


def test_a_change_to_one_forms_field_stays_on_that_form():
    one, other = _Where(), _Where()
    one.fields["hours"].required = False
    one.fields["extra"] = forms.CharField()
    assert other.fields["hours"].required and "extra" not in other.fields
    assert "extra" not in _Where().fields and _Where.base_fields["hours"].required
    assert one.fields["province"].widget is other.fields["province"].widget  # shared, as said


def _every_fixed_form() -> list[type[FixedFieldsForm]]:
    found, waiting = [], list(FixedFieldsForm.__subclasses__())
    while waiting:
        form = waiting.pop()
        found.append(form)
        waiting += form.__subclasses__()
    return found


def test_each_form_s_field_is_what_copy_copy_makes_of_the_class_s():
    import copy

    import juntos.compliance.forms  # noqa: F401 - the product's fixed forms

    forms_checked = _every_fixed_form()
    assert {"PaySlipForm", "SeasonSlipForm"} <= {f.__name__ for f in forms_checked}
    for form_class in forms_checked:
        form = form_class()
        for name, field in form_class.base_fields.items():
            made, expected = form.fields[name], copy.copy(field)
            assert type(made) is type(expected) and vars(made) == vars(expected), name
            assert made is not field
            # Nothing lives outside the attributes the copy takes.
            assert all(not getattr(k, "__slots__", ()) for k in type(field).__mro__), name
