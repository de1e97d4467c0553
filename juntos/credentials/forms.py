"""Forms: they check shape; the services check meaning."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from juntos.credentials.choices import UnitResult
from juntos.credentials.verification import MAX_TOKEN_BYTES


class VerifyForm(forms.Form):
    token = forms.CharField(
        label=_("Paste the credential"),
        help_text=_("The long text that starts with “ey”, or the JSON file's content."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=MAX_TOKEN_BYTES,
    )
    file = forms.FileField(
        label=_("Or choose the credential file (.json or .jwt)"),
        required=False,
        widget=forms.FileInput,  # nothing to clear: the form never shows a file chosen before
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None and getattr(upload, "size", 0) > MAX_TOKEN_BYTES:
            raise forms.ValidationError(_("The file is too large to be a credential."))
        if not data.get("token") and upload is None:
            raise forms.ValidationError(_("Paste a credential or choose its file."))
        return data


class ShareForm(forms.Form):
    recipient_label = forms.CharField(
        label=_("Who is it for?"),
        help_text=_("For example, the name of an employer. Only you see this."),
        max_length=120,
    )
    organisation = forms.TypedChoiceField(
        label=_("Also show it to the staff of an organisation"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args: object, organisations: list[tuple[int, str]], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organisation"].choices = [("", "—"), *organisations]  # type: ignore[attr-defined]


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Why"), max_length=500)


class RequestForm(forms.Form):
    choice = forms.ChoiceField(label=_("Standard and assessing organisation"))
    documents = forms.TypedMultipleChoiceField(
        label=_("Documents from your vault to share as evidence"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: object,
        choices: list[tuple[str, str]],
        documents: list[tuple[int, str]],
        **kwargs: object,
    ):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["choice"].choices = choices  # type: ignore[attr-defined]
        self.fields["documents"].choices = documents  # type: ignore[attr-defined]


def decision_form(units: list[tuple[int, str]], data: object = None) -> forms.Form:
    """One required choice per unit of the standard."""
    form = forms.Form(data)  # type: ignore[arg-type]
    for unit_id, title in units:
        form.fields[f"unit_{unit_id}"] = forms.ChoiceField(
            label=title, choices=UnitResult.choices, widget=forms.RadioSelect
        )
    return form
