"""Forms of the opportunities pages: they check shape; the services check meaning."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from juntos.compliance.choices import DeductionType
from juntos.core.jurisdictions import PROVINCES_ONLY, Program
from juntos.opportunities.choices import (
    Expertise,
    Housing,
    ReferralOutcome,
    ReferralStatus,
    ReferralType,
    SharedField,
)
from juntos.opportunities.languages import LANGUAGE_CODES
from juntos.opportunities.noc import occupation
from juntos.opportunities.services.vacancies import VacancyFacts

PROVINCE_CHOICES = [(str(p.value), p.label) for p in PROVINCES_ONLY]
UNKNOWN_CODE = _("%(code)s is not an occupation code we know. Enter a NOC 2021 code from the list.")
BAD_AMOUNT = _("Enter an amount in numbers, such as 17.85.")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"})
LANGUAGE_CHOICES = [("es", _("Spanish")), ("en", _("English")), ("fr", _("French"))]
assert {code for code, _label in LANGUAGE_CHOICES} == set(LANGUAGE_CODES)


class AmountField(forms.CharField):
    """An amount in dollars as people type it ("17.85", "17,85", "$18"); letters are refused."""

    def to_python(self, value: object) -> Decimal | None:  # type: ignore[override]
        text = str(value or "").strip().replace("$", "").replace(" ", "")
        if not text:
            return None
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise forms.ValidationError(BAD_AMOUNT) from exc
        if not amount.is_finite() or amount < 0 or amount >= 100000:
            raise forms.ValidationError(BAD_AMOUNT)
        return amount.quantize(Decimal("0.01"))


class VacancyForm(forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=150)
    occupation = forms.CharField(
        label=_("Occupation code (NOC 2021)"),
        max_length=10,
        help_text=_("Five digits, for example 85101 for harvesting labourers."),
    )
    province = forms.ChoiceField(label=_("Province"), choices=PROVINCE_CHOICES)
    program = forms.ChoiceField(label=_("Program"), choices=Program.choices)
    starts_on = forms.DateField(label=_("First day of work"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Last day of work"), widget=DATE_WIDGET)
    hours_per_week = AmountField(label=_("Hours a week"))
    hourly_wage = AmountField(label=_("Hourly wage (CAD)"))
    housing = forms.ChoiceField(label=_("Housing"), choices=Housing.choices)
    housing_deduction = AmountField(label=_("Housing deduction per day (CAD)"), required=False)
    utilities_deduction = AmountField(label=_("Utilities deduction per day (CAD)"), required=False)
    recruitment_fee = AmountField(label=_("Fee charged to the worker (CAD)"), required=False)
    skills = forms.CharField(
        label=_("Skills wanted"),
        required=False,
        max_length=500,
        help_text=_("Separate them with commas, for example: pruning, tractor."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages wanted"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("About the job"), required=False, max_length=3000, widget=forms.Textarea
    )

    def clean_occupation(self) -> str:
        code = self.cleaned_data["occupation"].strip().replace(" ", "")
        if occupation(code) is None:
            raise forms.ValidationError(UNKNOWN_CODE % {"code": code[:10]})
        return code

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The last day must be on or after the first day."))
        return data

    def deductions(self) -> dict[str, Decimal]:
        found = {
            DeductionType.HOUSING: self.cleaned_data.get("housing_deduction"),
            DeductionType.UTILITIES: self.cleaned_data.get("utilities_deduction"),
        }
        return {str(k): v for k, v in found.items() if v}

    def facts(self) -> VacancyFacts:
        """What the valid form says, typed for the services (pages and the API alike)."""
        data = self.cleaned_data
        return VacancyFacts(
            title=data["title"],
            occupation=data["occupation"],
            province=data["province"],
            program=data["program"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            hours_per_week=data["hours_per_week"],
            hourly_wage=data["hourly_wage"],
            housing=data["housing"],
            deductions=self.deductions(),
            recruitment_fee=data.get("recruitment_fee") or Decimal(0),
            skills=tuple(s for s in data["skills"].split(",") if s.strip()),
            languages=tuple(data["languages"]),
            description=data["description"],
        )


class FindableForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "I choose to be found for vacancies. Employers see my skills, languages and dates "
            "without my name or contact, until I apply or accept an invitation."
        ),
        required=False,
    )
    available_from = forms.DateField(label=_("Available from"), widget=DATE_WIDGET)
    available_to = forms.DateField(label=_("Available until"), widget=DATE_WIDGET)
    provinces = forms.MultipleChoiceField(
        label=_("Provinces you would work in (none ticked: any)"),
        choices=PROVINCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class NamedRequestForm(forms.Form):
    worker = forms.TypedChoiceField(label=_("Returning worker"), coerce=int)
    liaison = forms.TypedChoiceField(label=_("Liaison of the worker's country"), coerce=int)
    program = forms.ChoiceField(label=_("Program"), choices=Program.choices)
    starts_on = forms.DateField(label=_("Planned first day"), widget=DATE_WIDGET)

    def __init__(
        self,
        *args: object,
        workers: list[tuple[int, str]],
        liaisons: list[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["worker"].choices = workers  # type: ignore[attr-defined]
        self.fields["liaison"].choices = liaisons  # type: ignore[attr-defined]


class ReferralForm(forms.Form):
    worker = forms.TypedChoiceField(label=_("Worker"), coerce=int)
    home_organisation = forms.TypedChoiceField(label=_("Organisation at home"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind of referral"), choices=ReferralType.choices)
    shared_fields = forms.MultipleChoiceField(
        label=_("What the worker chose to share"),
        choices=SharedField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_("The worker consented to this referral and to sharing what is ticked"),
        required=False,
    )
    note = forms.CharField(label=_("Note for the organisation"), required=False, max_length=500)

    def __init__(
        self,
        *args: object,
        workers: list[tuple[int, str]],
        organisations: list[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["worker"].choices = workers  # type: ignore[attr-defined]
        self.fields["home_organisation"].choices = organisations  # type: ignore[attr-defined]


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ReferralStatus.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "—"), *ReferralOutcome.choices], required=False
    )


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_("What you learned"), max_length=500)


class VisitRequestForm(forms.Form):
    title = forms.CharField(label=_("What the visit is for"), max_length=150)
    expertise = forms.MultipleChoiceField(
        label=_("Expertise needed"), choices=Expertise.choices, widget=forms.CheckboxSelectMultiple
    )
    language = forms.ChoiceField(label=_("Language of the visit"), choices=LANGUAGE_CHOICES)
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("To"), widget=DATE_WIDGET)


class VolunteerForm(forms.Form):
    expertise = forms.MultipleChoiceField(
        label=_("Your expertise"), choices=Expertise.choices, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    available_from = forms.DateField(label=_("Available from"), widget=DATE_WIDGET)
    available_to = forms.DateField(label=_("Available until"), widget=DATE_WIDGET)


class VisitReportForm(forms.Form):
    outputs = forms.CharField(
        label=_("What the visit produced"), max_length=3000, widget=forms.Textarea
    )
    people_trained = forms.IntegerField(label=_("People trained"), min_value=0, max_value=100000)
