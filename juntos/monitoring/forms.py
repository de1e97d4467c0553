"""Forms of the monitoring pages: shape only; the services check the meaning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from juntos.monitoring.services import MAX_TARGET, PUBLIC_DIMENSIONS

DIMENSION_LABELS = {
    "province": _("Province"),
    "program": _("Program"),
    "sector": _("Sector"),
    "gender": _("Gender"),
    "country_of_origin": _("Country of origin"),
    "language": _("Language"),
    "category": _("Category"),
    "outcome": _("Outcome"),
    "marginalised_group": _("Group people chose to be counted with"),
}
DIMENSION_CHOICES = [("", _("No group: the total"))] + [
    (name, DIMENSION_LABELS[name]) for name in PUBLIC_DIMENSIONS
]


class TargetForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("A quarter (2026-Q3) or a year (2027)."),
    )
    dimension = forms.ChoiceField(label=_("For a group"), choices=DIMENSION_CHOICES, required=False)
    dimension_value = forms.CharField(
        label=_("Group"),
        max_length=40,
        required=False,
        help_text=_("The group's code as in the downloads, for example woman or BC."),
    )
    value = forms.IntegerField(
        label=_("Target"),
        min_value=0,
        max_value=MAX_TARGET,
        required=False,
        help_text=_("Leave empty to remove the target for that period."),
    )


class ReportedValueForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    indicator = forms.ChoiceField(label=_("Indicator"))
    period = forms.CharField(label=_("Quarter"), max_length=7, help_text=_("For example 2026-Q3."))
    dimension = forms.ChoiceField(label=_("For a group"), choices=DIMENSION_CHOICES, required=False)
    dimension_value = forms.CharField(label=_("Group"), max_length=40, required=False)
    value = forms.IntegerField(label=_("Value"), min_value=0, max_value=MAX_TARGET)
    note = forms.CharField(
        label=_("Note (published with the figure)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed when your total differs from the sum of its parts: say why, for example "
            "people who did not say their gender."
        ),
    )

    def __init__(
        self,
        *args: Any,
        organisations: list[tuple[int, str]],
        indicators: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.TypedChoiceField)
        organisation.choices = organisations
        indicator = self.fields["indicator"]
        assert isinstance(indicator, forms.ChoiceField)
        indicator.choices = indicators


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("return", _("Return"))]
    )
    reason = forms.CharField(
        label=_("Reason (when returning)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
