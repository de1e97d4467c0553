"""Forms of the research pages; they check shape, the services check meaning."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from juntos.research.choices import Variable

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the study wants to learn, and who will see the extract."),
    )
    ethics_reference = forms.CharField(
        label=_("Ethics approval reference"),
        max_length=100,
        help_text=_("The reference of the research ethics board's approval."),
    )
    expires_on = forms.DateField(label=_("Approval ends on"), widget=DATE)
    variables = forms.MultipleChoiceField(
        label=_("Variables the study may receive"),
        choices=Variable.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each extract also has a code name per worker and the season."),
    )


class ExtractForm(forms.Form):
    variables = forms.MultipleChoiceField(
        label=_("Variables in this extract"),
        choices=Variable.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all unticked for every variable the project was approved for."),
    )

    def __init__(self, *args: object, approved: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["variables"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(v.value, v.label) for v in Variable if v.value in approved]
