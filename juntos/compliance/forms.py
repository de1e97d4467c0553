"""Forms for the checker and for new rule versions; they check shape, the services meaning."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from juntos.compliance.amounts import is_plain, parse_amount
from juntos.compliance.choices import Certainty, DeductionType, RecruiterLicensed, SourceKind
from juntos.compliance.documents import BAD_NUMBER, NEGATIVE
from juntos.core.forms import FixedFieldsForm, add_service_errors
from juntos.core.jurisdictions import PROVINCES_ONLY, Program

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PROVINCE_CHOICES = [("", _("Choose a province")), *[(p.value, p.label) for p in PROVINCES_ONLY]]
PROGRAM_CHOICES = [("", _("Choose a program")), *Program.choices]
PAY_SLIP_DEDUCTIONS = list(DeductionType)
CONTRACT_DEDUCTIONS = [d for d in DeductionType if d != DeductionType.STATUTORY]


class AmountField(forms.CharField):
    """An amount as people write it ("2.007,50", "$350.00", "350,00 $"), cleaned to a Decimal;
    what was typed is kept as typed when the form comes back."""

    def __init__(self, *, label: Any, help_text: Any = "", required: bool = False) -> None:
        super().__init__(
            label=label,
            help_text=help_text,
            required=required,
            widget=forms.TextInput(
                attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": "40"}
            ),
        )

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > 40:
            raise forms.ValidationError(BAD_NUMBER, code="invalid")
        negative = text.startswith("-")
        try:
            amount = parse_amount(text[1:] if negative else text)
        except ValueError as error:
            raise forms.ValidationError(BAD_NUMBER, code="invalid") from error
        if negative and amount:
            raise forms.ValidationError(NEGATIVE, code="min_value")
        return amount


def _amount(label: Any, help_text: Any = "", required: bool = False) -> AmountField:
    return AmountField(label=label, help_text=help_text, required=required)


# A day as the date input sends it (2026-05-04).
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DayField(forms.DateField):
    """A day. The date input sends it as 2026-05-04, read at once; anything else is read as
    Django reads it, trying the language's formats (31/12/2026) one by one."""

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, str) and ISO_DAY.fullmatch(value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass  # 2026-02-30: Django refuses it with its own words
        return super().to_python(value)


FormClass = TypeVar("FormClass", bound=type[forms.Form])


def with_deduction_fields(
    kinds: Sequence[DeductionType], help_text: Any = ""
) -> Callable[[FormClass], FormClass]:
    """Class decorator: one amount field per deduction kind, after the declared fields.

    Declared on the class, as Django's own fields are, rather than added to every instance:
    the checker builds a form on each request and building fields was a good part of its time.
    """

    def add(form_class: FormClass) -> FormClass:
        for kind in kinds:
            field = _amount(kind.label, help_text)
            form_class.base_fields[f"deduction_{kind.value}"] = field
            form_class.declared_fields[f"deduction_{kind.value}"] = field
        return form_class

    return add


class _CheckForm(FixedFieldsForm):
    deduction_kinds: Sequence[DeductionType] = ()

    province = forms.ChoiceField(label=_("Province where you work"), choices=PROVINCE_CHOICES)
    program = forms.ChoiceField(label=_("Program"), choices=PROGRAM_CHOICES)
    hourly_rate = _amount(_("Hourly pay ($)"), required=True)
    program_rate = _amount(
        _("Program rate for this work ($ an hour)"),
        _("The rate the government publishes for your kind of farm work, if you know it."),
    )
    same_work_rate = _amount(
        _("What others are paid for the same work ($ an hour)"),
        _("What the employer pays Canadian or regular workers doing the same job, if you know it."),
    )

    def __init__(self, *args: Any, keep_allowed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if keep_allowed:
            self.fields["keep"] = forms.BooleanField(
                label=_("Keep this result in my account (only you can see it)"), required=False
            )

    def understood(self) -> list[tuple[str, str, Decimal]]:
        """The amounts typed in another way than a plain number, and how they were read."""
        read = []
        for name, field in self.fields.items():
            raw = self.data.get(self.add_prefix(name), "")
            value = self.cleaned_data.get(name)
            if not isinstance(field, AmountField) or not isinstance(value, Decimal):
                continue
            if raw and not is_plain(raw, value):
                read.append((str(field.label), str(raw), value))
        return read

    def deduction_fields(self) -> list[forms.BoundField]:
        return [self[f"deduction_{kind.value}"] for kind in self.deduction_kinds]

    def facts(self) -> dict[str, Any]:
        """The cleaned values as the facts `check_document` reads."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("deduction_")}
        data.pop("keep", None)
        data["deductions"] = {
            kind.value: self.cleaned_data[f"deduction_{kind.value}"]
            for kind in self.deduction_kinds
            if self.cleaned_data.get(f"deduction_{kind.value}")
        }
        return data


@with_deduction_fields(PAY_SLIP_DEDUCTIONS)
class PaySlipForm(_CheckForm):
    deduction_kinds = PAY_SLIP_DEDUCTIONS

    start_date = DayField(label=_("First day of the pay period"), widget=DATE)
    end_date = DayField(label=_("Last day of the pay period"), widget=DATE)
    working_days = forms.IntegerField(
        label=_("Days you worked in this period"),
        help_text=_(
            "Count the days you worked at least 4 hours. Needed when housing or utilities "
            "are deducted."
        ),
        required=False,
        min_value=0,
        max_value=62,
    )
    hours_worked = _amount(_("Hours paid in this period"), required=True)
    gross_pay = _amount(_("Gross pay, before deductions ($)"), required=True)
    housing_to_date = _amount(
        _("Housing deducted so far this season ($)"),
        _(
            "The year-to-date housing figure on the slip, this pay slip included, if it "
            "shows one. It lets us check the season limit."
        ),
    )


@with_deduction_fields(CONTRACT_DEDUCTIONS, _("Amount per working day."))
class ContractForm(_CheckForm):
    deduction_kinds = CONTRACT_DEDUCTIONS

    employer_name = forms.CharField(label=_("Employer"), max_length=200, required=False)
    start_date = DayField(label=_("First day of work"), widget=DATE)
    end_date = DayField(label=_("Last day of work"), widget=DATE)
    guaranteed_weekly_hours = _amount(_("Hours of work guaranteed per week"))
    signed_on = DayField(
        label=_("Day the employment agreement was signed"), widget=DATE, required=False
    )
    recruiter_used = forms.BooleanField(
        label=_("A recruiter or agency found this job"), required=False
    )
    recruiter_licensed = forms.ChoiceField(
        label=_("Does the recruiter have a licence in this province?"),
        choices=RecruiterLicensed.choices,
        initial=RecruiterLicensed.UNKNOWN,
        widget=forms.RadioSelect,
    )
    recruiter_fees = _amount(_("Fees the worker paid to a recruiter ($)"))
    transferred_after_completion = forms.BooleanField(
        label=_("Transferred from another farm after finishing a contract"), required=False
    )


# The season form: rows of pay slips, more added by a plain submit button (no JavaScript).
SEASON_FIRST_ROWS = 3
SEASON_MOST_ROWS = 40  # services.MAX_SLIPS
SEASON_DEDUCTIONS = [DeductionType.HOUSING, DeductionType.UTILITIES]


class SeasonForm(FixedFieldsForm):
    """Where and which program, once for every pay slip of the season."""

    province = forms.ChoiceField(label=_("Province where you work"), choices=PROVINCE_CHOICES)
    program = forms.ChoiceField(label=_("Program"), choices=PROGRAM_CHOICES)


@with_deduction_fields(SEASON_DEDUCTIONS)
class SeasonSlipForm(FixedFieldsForm):
    """One pay slip of the season; a row left blank is not a pay slip and is skipped."""

    start_date = DayField(label=_("First day of the pay period"), widget=DATE)
    end_date = DayField(label=_("Last day of the pay period"), widget=DATE)
    working_days = forms.IntegerField(
        label=_("Days you worked in this period"),
        help_text=_("Count the days you worked at least 4 hours."),
        required=False,
        min_value=0,
        max_value=62,
    )
    hours_worked = _amount(_("Hours paid in this period"), required=True)
    hourly_rate = _amount(_("Hourly pay ($)"), required=True)
    gross_pay = _amount(_("Gross pay, before deductions ($)"), required=True)
    housing_to_date = _amount(
        _("Housing deducted so far this season ($)"),
        _("The year-to-date housing figure, if this pay slip shows one."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(empty_permitted=True, use_required_attribute=False)
        super().__init__(*args, **kwargs)
        self._blank: bool | None = None  # what was typed never changes: read once

    def is_blank(self) -> bool:
        if self._blank is None:
            self._blank = not any(
                str(self.data.get(self.add_prefix(name), "")).strip() for name in self.fields
            )
        return self._blank

    def has_changed(self) -> bool:
        """A row is a pay slip as soon as anything is typed in it: what Django would find by
        reading every field of the row once more before checking them."""
        return not self.is_blank()

    def facts(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("deduction_")}
        data["deductions"] = {
            kind.value: self.cleaned_data[f"deduction_{kind.value}"]
            for kind in SEASON_DEDUCTIONS
            if self.cleaned_data.get(f"deduction_{kind.value}")
        }
        return data


def _row_count(data: Mapping[str, Any] | None) -> int:
    try:
        count = int(str((data or {}).get("rows", "")))
    except ValueError:
        return SEASON_FIRST_ROWS
    return min(max(count, 1), SEASON_MOST_ROWS)


class SeasonEntry:
    """The season form and its pay slip rows, read and shown together.

    "Add another pay slip" sends the page back with one more row: the rows come back filled
    with what was typed (as initial values, so no error is shown before the person asks for
    the check).
    """

    def __init__(self, data: Mapping[str, Any] | None = None, *, adding: bool = False) -> None:
        self.rows = _row_count(data)
        if adding and data is not None:
            self.rows = min(self.rows + 1, SEASON_MOST_ROWS)
            self.form = SeasonForm(initial=_typed(data, ""))
            self.slips = [
                SeasonSlipForm(prefix=f"slip-{i}", initial=_typed(data, f"slip-{i}-"))
                for i in range(self.rows)
            ]
            return
        self.form = SeasonForm(data)
        self.slips = [SeasonSlipForm(data, prefix=f"slip-{i}") for i in range(self.rows)]

    @property
    def can_add(self) -> bool:
        return self.rows < SEASON_MOST_ROWS

    def filled(self) -> list[SeasonSlipForm]:
        return [slip for slip in self.slips if not slip.is_blank()]

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        filled = self.filled()
        if not filled:
            self.form.add_error(None, _("Enter at least one pay slip."))
            return False
        return all([slip.is_valid() for slip in filled]) and valid

    def facts(self) -> dict[str, Any]:
        """The facts `check_document(kind="season")` reads."""
        where = self.form.cleaned_data
        return {"slips": [{**where, **slip.facts()} for slip in self.filled()]}

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's errors on the slip they name ("slips.2.end_date"), else above."""
        filled = self.filled()
        by_key = error.error_dict if hasattr(error, "error_dict") else {"": error.error_list}
        for key, problems in by_key.items():
            parts = str(key).split(".")
            slip = _nth(filled, parts[1]) if len(parts) == 3 else None
            name = parts[-1]
            target: forms.Form = self.form
            if slip is not None and name in slip.fields:
                target = slip
            elif name not in self.form.fields:
                name = "__all__"
            if target is self.form and name in self.form.errors:
                continue  # the same refusal of the province or program, once per slip
            add_service_errors(target, ValidationError({name: problems}))

    def slips_with_errors(self) -> list[tuple[int, SeasonSlipForm]]:
        return [
            (n, slip) for n, slip in enumerate(self.slips, start=1) if slip.is_bound and slip.errors
        ]

    def understood(self) -> list[tuple[str, str, Decimal]]:
        """How amounts typed in another way than a plain number were read, each way once."""
        by_field: dict[tuple[str, str], tuple[Any, Decimal]] = {}
        for slip in self.filled():
            for name, field in slip.fields.items():
                raw = str(slip.data.get(slip.add_prefix(name), ""))
                value = slip.cleaned_data.get(name)
                if not isinstance(field, AmountField) or not isinstance(value, Decimal):
                    continue
                if raw and (name, raw) not in by_field and not is_plain(raw, value):
                    by_field[(name, raw)] = (field.label, value)
        read: dict[tuple[str, str], Decimal] = {}
        for (_name, raw), (label, value) in by_field.items():
            read.setdefault((str(label), raw), value)
        return [(label, raw, value) for (label, raw), value in read.items()]


def _typed(data: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    return {
        key[len(prefix) :]: value
        for key, value in data.items()
        if key.startswith(prefix) and (prefix or not key.startswith("slip-"))
    }


def _nth(slips: list[SeasonSlipForm], number: str) -> SeasonSlipForm | None:
    index = int(number) - 1 if number.isdigit() else -1
    return slips[index] if 0 <= index < len(slips) else None


class RuleVersionForm(forms.Form):
    effective_from = DayField(label=_("In force from"), widget=DATE)
    certainty = forms.ChoiceField(
        label=_("Certainty"), choices=Certainty.choices, widget=forms.RadioSelect
    )
    params = forms.CharField(
        label=_("Parameters (JSON)"),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_('For example {"per_working_day": "7.11"}. Amounts in quotes keep every cent.'),
    )
    source_url = forms.URLField(label=_("Source address"), max_length=500, assume_scheme="https")
    source_title = forms.CharField(label=_("Source title"), max_length=300)
    source_kind = forms.ChoiceField(
        label=_("Kind of source"),
        choices=SourceKind.choices,
        widget=forms.RadioSelect,
        help_text=_("Official: a government site or the government's own news release."),
    )
    source_date = DayField(label=_("Source date"), widget=DATE, required=False)
    known_until = DayField(
        label=_("Known to hold until"),
        widget=DATE,
        required=False,
        help_text=_(
            "The last day the source tells us this rule holds. Past it the checker says the "
            "rule is not known. Leave empty to keep the rule's current date."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name}, max_length=200
            )
            self.fields[f"worker_{code}"] = forms.CharField(
                label=_("Explanation for workers (%(language)s)") % {"language": name},
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"employer_{code}"] = forms.CharField(
                label=_("Explanation for employers (%(language)s)") % {"language": name},
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def clean_params(self) -> dict[str, Any]:
        try:
            value = json.loads(self.cleaned_data["params"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(_("This is not valid JSON.")) from error
        if not isinstance(value, dict):
            raise forms.ValidationError(_("Parameters must be a JSON object."))
        return value

    def language_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (str(name), [self[f"title_{code}"], self[f"worker_{code}"], self[f"employer_{code}"]])
            for code, name in settings.LANGUAGES
        ]
