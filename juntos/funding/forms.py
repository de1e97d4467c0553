"""Forms of the funding pages: they check shape; the services check meaning."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from juntos.funding.choices import CALL_TIME_ZONES, REPORTED_GROUPS, BudgetCategory, Currency
from juntos.funding.models import CallIndicator, Criterion

LANGUAGE_NAMES = {"en": _("English"), "es": _("Spanish"), "fr": _("French")}
GENDERS = (
    ("woman", _("Women")),
    ("man", _("Men")),
    ("non-binary", _("Non-binary people")),
    ("undisclosed", _("Prefers not to say")),
)
CRITERION_LINE = re.compile(r"^\s*(\d{1,3})\s+(.+?)\s*$")
INDICATOR_LINE = re.compile(r"^\s*([a-z0-9][a-z0-9-]{0,79})\s+(.+?)\s*$")


class CallForm(forms.Form):
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    title_es = forms.CharField(label=_("Title in Spanish"), max_length=200, required=False)
    title_fr = forms.CharField(label=_("Title in French"), max_length=200, required=False)
    description_en = forms.CharField(
        label=_("Description in English"), widget=forms.Textarea, required=False
    )
    description_es = forms.CharField(
        label=_("Description in Spanish"), widget=forms.Textarea, required=False
    )
    description_fr = forms.CharField(
        label=_("Description in French"), widget=forms.Textarea, required=False
    )
    eligibility_en = forms.CharField(
        label=_("Who may apply (English)"), widget=forms.Textarea, required=False
    )
    eligibility_es = forms.CharField(
        label=_("Who may apply (Spanish)"), widget=forms.Textarea, required=False
    )
    eligibility_fr = forms.CharField(
        label=_("Who may apply (French)"), widget=forms.Textarea, required=False
    )
    amount = forms.DecimalField(
        label=_("Amount available"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    currency = forms.ChoiceField(label=_("Currency of the call"), choices=Currency.choices)
    deadline = forms.DateTimeField(
        label=_("Deadline (local date and time in the call's time zone)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    time_zone = forms.ChoiceField(label=_("Time zone of the deadline"), choices=CALL_TIME_ZONES)
    required_partners = forms.IntegerField(
        label=_("Partner organisations required"), min_value=0, max_value=10, initial=1
    )
    reviews_needed = forms.IntegerField(
        label=_("Reviews needed per application"), min_value=1, max_value=10, initial=2
    )
    criteria = forms.CharField(
        label=_("Rubric"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One criterion a line: its weight, then its name (e.g. “40 Worker involvement”). "
            "The weights must total 100."
        ),
    )
    indicators = forms.CharField(
        label=_("Indicators projects report on"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "One a line: the logic model's indicator code, then its title "
            "(e.g. “workers-reached Workers reached”)."
        ),
    )
    recommendations = forms.TypedMultipleChoiceField(
        label=_("Adopted recommendations this call takes up"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, adopted: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recommendations"].choices = [(r.id, f"{r.title} ({r.group})") for r in adopted]  # type: ignore[attr-defined]
        for category in BudgetCategory:
            self.fields[f"cap_{category.value}"] = forms.DecimalField(
                label=_("Cap for %(category)s (%% of the total)") % {"category": category.label},
                max_digits=5,
                decimal_places=2,
                min_value=0,
                max_value=100,
                required=False,
            )

    def cap_fields(self) -> list[Any]:
        return [self[f"cap_{c.value}"] for c in BudgetCategory]

    def clean_criteria(self) -> list[tuple[str, int]]:
        parsed = []
        for line in self.cleaned_data["criteria"].splitlines():
            if not line.strip():
                continue
            match = CRITERION_LINE.match(line)
            if match is None:
                raise forms.ValidationError(
                    _(
                        "Write each criterion as a weight, then its name "
                        "(e.g. “40 Worker involvement”)."
                    )
                )
            parsed.append((match.group(2), int(match.group(1))))
        return parsed

    def clean_indicators(self) -> list[tuple[str, str]]:
        parsed = []
        for line in self.cleaned_data["indicators"].splitlines():
            if not line.strip():
                continue
            match = INDICATOR_LINE.match(line)
            if match is None:
                raise forms.ValidationError(
                    _(
                        "Write each indicator as its code (lower-case letters, digits, hyphens), "
                        "then its title."
                    )
                )
            parsed.append((match.group(1), match.group(2)))
        return parsed

    def caps(self) -> dict[str, Decimal]:
        return {
            c.value: self.cleaned_data[f"cap_{c.value}"]
            for c in BudgetCategory
            if self.cleaned_data.get(f"cap_{c.value}") is not None
        }


class ApplicationStartForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200)
    lead_organisation = forms.TypedChoiceField(label=_("Lead organisation"), coerce=int)

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].choices = [(o.pk, o.name) for o in organisations]  # type: ignore[attr-defined]


class ApplicationForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea, max_length=5000, required=False
    )
    lead_share = forms.DecimalField(
        label=_("Lead organisation's share"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        help_text=_("The lead's and the partners' shares must add up exactly to the budget total."),
    )


class PartnerForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Partner organisation"), coerce=int)
    share = forms.DecimalField(
        label=_("Partner's share"), max_digits=14, decimal_places=2, min_value=0
    )

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]  # type: ignore[attr-defined]


class BudgetLineForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices)
    description = forms.CharField(label=_("What it pays for"), max_length=300)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    exchange_rate = forms.DecimalField(
        label=_("Exchange rate"),
        max_digits=14,
        decimal_places=6,
        min_value=Decimal("0.000001"),
        required=False,
        help_text=_(
            "Only for a line in the other currency: units of the call's currency "
            "for one unit of this one."
        ),
    )
    rate_date = forms.DateField(
        label=_("Date of the rate"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=_("Needed when the category goes more than 10 percent over its allowance."),
    )


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this application?"),
        choices=[
            ("no", _("No, I have no conflict")),
            ("yes", _("Yes, I have a conflict: recuse me")),
        ],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("The conflict, in a few words"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ScoreForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the coordinator"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("%(criterion)s (weight %(weight)s), score 0 to 10")
                % {"criterion": criterion.name, "weight": criterion.weight},
                min_value=0,
                max_value=10,
            )

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class AwardForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount awarded"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    starts_on = forms.DateField(
        label=_("Project starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Project ends on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    milestone_1 = forms.CharField(label=_("First milestone"), max_length=200, required=False)
    milestone_1_on = forms.DateField(
        label=_("First milestone due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    milestone_2 = forms.CharField(label=_("Second milestone"), max_length=200, required=False)
    milestone_2_on = forms.DateField(
        label=_("Second milestone due on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def milestones(self) -> list[tuple[str, Any]]:
        found = []
        for n in (1, 2):
            title, due = (
                self.cleaned_data.get(f"milestone_{n}"),
                self.cleaned_data.get(f"milestone_{n}_on"),
            )
            if title and due:
                found.append((title, due))
        return found


class ReportForm(forms.Form):
    narrative = forms.CharField(
        label=_("What happened this quarter"), widget=forms.Textarea, max_length=10000
    )

    def __init__(self, *args: Any, indicators: list[CallIndicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"a{indicator.pk}_total"] = forms.IntegerField(
                label=_("%(indicator)s: total") % {"indicator": indicator.title},
                min_value=0,
                max_value=10_000_000,
            )
            for key, label in GENDERS:
                self.fields[f"a{indicator.pk}_gender_{key}"] = forms.IntegerField(
                    label=_("%(indicator)s: %(group)s")
                    % {"indicator": indicator.title, "group": label},
                    min_value=0,
                    max_value=10_000_000,
                    initial=0,
                )
            for group in REPORTED_GROUPS:
                self.fields[f"a{indicator.pk}_group_{group.value}"] = forms.IntegerField(
                    label=_("%(indicator)s: of whom %(group)s")
                    % {"indicator": indicator.title, "group": group.label},
                    min_value=0,
                    max_value=10_000_000,
                    required=False,
                )

    def indicator_fields(self) -> list[tuple[CallIndicator, list[Any]]]:
        return [
            (i, [self[name] for name in self.fields if name.startswith(f"a{i.pk}_")])
            for i in self.indicators
        ]

    def actuals(self) -> dict[int, dict[str, int]]:
        found: dict[int, dict[str, int]] = {}
        for indicator in self.indicators:
            figures = {"total": self.cleaned_data[f"a{indicator.pk}_total"]}
            for key, _label in GENDERS:
                figures[f"gender:{key}"] = (
                    self.cleaned_data.get(f"a{indicator.pk}_gender_{key}") or 0
                )
            for group in REPORTED_GROUPS:
                value = self.cleaned_data.get(f"a{indicator.pk}_group_{group.value}")
                if value is not None:
                    figures[f"group:{group.value}"] = value
            found[indicator.pk] = figures
        return found


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why this report is skipped"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewerForm(forms.Form):
    reviewer = forms.CharField(label=_("Reviewer's email or mobile number"), max_length=200)
