"""The SAWP end-of-season forms (the employer's, and the worker's of her employer and housing),
and the liaison's passphrase forms. Forms check shape; the services check meaning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from juntos.evaluations.choices import Answers, EvaluationKind, Rating, YesNo

COMMENTS_MAX = 2000


def _rating(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=Rating.choices, coerce=int, widget=forms.RadioSelect
    )


def _yes_no(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=YesNo.choices, widget=forms.RadioSelect)


def _comments() -> forms.CharField:
    return forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=COMMENTS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class EmployerEvaluationForm(forms.Form):
    would_rehire = _yes_no(_("Would you hire this worker again?"))
    return_on = forms.DateField(
        label=_("Estimated return date"),
        required=False,
        help_text=_("Only when you would hire them again (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    conduct = _rating(_("Conduct"))
    skills = _rating(_("Skills"))
    comments = _comments()


class WorkerEmployerForm(forms.Form):
    treatment = _rating(_("How the employer treated you"))
    pay_as_agreed = _yes_no(_("Were you paid as the contract says?"))
    would_return = _yes_no(_("Would you work for this employer again?"))
    comments = _comments()


class WorkerHousingForm(forms.Form):
    housing = _rating(_("The housing overall"))
    enough_space = _yes_no(_("Was there enough space and privacy?"))
    comments = _comments()


FORM_OF_KIND: dict[str, type[forms.Form]] = {
    EvaluationKind.EMPLOYER_OF_WORKER: EmployerEvaluationForm,
    EvaluationKind.WORKER_OF_EMPLOYER: WorkerEmployerForm,
    EvaluationKind.WORKER_OF_HOUSING: WorkerHousingForm,
}


def answers_of(form: forms.Form) -> Answers:
    """The cleaned answers as JSON values (dates as ISO text)."""
    return {
        name: value.isoformat() if hasattr(value, "isoformat") else value
        for name, value in form.cleaned_data.items()
    }


class KeySetupForm(forms.Form):
    passphrase = forms.CharField(
        label=_("New passphrase"), strip=False, max_length=200, widget=forms.PasswordInput
    )
    repeat = forms.CharField(
        label=_("The same passphrase again"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("passphrase") and data.get("repeat") != data["passphrase"]:
            self.add_error("repeat", _("The two passphrases are not the same."))
        return data


class UnlockForm(forms.Form):
    passphrase = forms.CharField(
        label=_("Passphrase"), strip=False, max_length=200, widget=forms.PasswordInput
    )
