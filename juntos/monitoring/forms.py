"""The coordinator's target form: shape only; the service checks the meaning."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from juntos.monitoring.services import MAX_TARGET


class TargetForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("A quarter (2026-Q3) or a year (2027)."),
    )
    value = forms.IntegerField(
        label=_("Target"),
        min_value=0,
        max_value=MAX_TARGET,
        required=False,
        help_text=_("Leave empty to remove the target for that period."),
    )
