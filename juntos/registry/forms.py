"""Forms check shape only; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from juntos.core.jurisdictions import Province
from juntos.registry.choices import ModerationRule, ReplyRule, YesNo

StrOrPromise = str | Promise

KINDS = [
    ("", _("Employers and recruiters")),
    ("employers", _("Employers")),
    ("recruiters", _("Recruiters")),
]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name of the employer or recruiter"),
        max_length=120,
        required=False,
        help_text=_("Spelling mistakes and missing accents are fine."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    province = forms.ChoiceField(
        label=_("Province"), required=False, choices=[("", _("All provinces")), *Province.choices]
    )
    kind = forms.ChoiceField(label=_("Look for"), required=False, choices=KINDS)


def _three(good: StrOrPromise, mixed: StrOrPromise, bad: StrOrPromise) -> list[tuple[int, Any]]:
    return [(3, good), (2, mixed), (1, bad)]


class ReviewForm(forms.Form):
    season = forms.TypedChoiceField(label=_("Which season are you reviewing?"), coerce=int)
    fee_charged = forms.ChoiceField(
        label=_("Did you pay anyone a fee to get this job?"),
        help_text=_("Recruitment fees charged to workers are not allowed."),
        choices=YesNo.choices,
        widget=forms.RadioSelect,
    )
    contract_matched = forms.TypedChoiceField(
        label=_("Did the contract match the real job?"),
        choices=_three(_("Yes"), _("Partly"), _("No")),
        coerce=int,
        widget=forms.RadioSelect,
    )
    paid_on_time = forms.TypedChoiceField(
        label=_("Were you paid on time and in full?"),
        choices=_three(_("Yes"), _("Sometimes"), _("No")),
        coerce=int,
        widget=forms.RadioSelect,
    )
    housing = forms.TypedChoiceField(
        label=_("How was the housing?"),
        choices=[*_three(_("Good"), _("Acceptable"), _("Poor")), ("", _("No housing given"))],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    respect_safety = forms.TypedChoiceField(
        label=_("Were you treated with respect, and was the work safe?"),
        choices=_three(_("Yes"), _("Partly"), _("No")),
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Anything else other workers should know?"),
        help_text=_("Do not write names, phone numbers or anything that could identify you."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        year = timezone.localdate().year
        self.fields["season"].choices = [(year, str(year)), (year - 1, str(year - 1))]  # type: ignore[attr-defined]


class RecruiterReviewForm(forms.Form):
    season = forms.TypedChoiceField(label=_("Which season are you reviewing?"), coerce=int)
    fee_charged = forms.ChoiceField(
        label=_("Did this recruiter ask you to pay a fee?"),
        help_text=_("Recruitment fees charged to workers are not allowed."),
        choices=YesNo.choices,
        widget=forms.RadioSelect,
    )
    promise_kept = forms.TypedChoiceField(
        label=_("Was the job what the recruiter promised?"),
        choices=_three(_("Yes"), _("Partly"), _("No")),
        coerce=int,
        widget=forms.RadioSelect,
    )
    explained_clearly = forms.TypedChoiceField(
        label=_("Did the recruiter explain the contract clearly, in your language?"),
        choices=_three(_("Yes"), _("Partly"), _("No")),
        coerce=int,
        widget=forms.RadioSelect,
    )
    respect = forms.TypedChoiceField(
        label=_("Did the recruiter treat you with respect?"),
        choices=_three(_("Yes"), _("Partly"), _("No")),
        coerce=int,
        widget=forms.RadioSelect,
    )
    text = ReviewForm.base_fields["text"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        year = timezone.localdate().year
        self.fields["season"].choices = [(year, str(year)), (year - 1, str(year - 1))]  # type: ignore[attr-defined]


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve")),
            ("redact", _("Approve without one passage")),
            ("reject", _("Reject")),
        ],
        widget=forms.RadioSelect,
    )
    rule = forms.ChoiceField(
        label=_("Rule it breaks (when rejecting or removing a passage)"),
        required=False,
        choices=[("", "—"), *ModerationRule.choices],
    )
    passage = forms.CharField(
        label=_("Passage to remove"),
        help_text=_("Copy it from the review. The rest is published, with a note saying why."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("decision") in ("reject", "redact") and not data.get("rule"):
            self.add_error("rule", _("Choose the rule the review breaks."))
        if data.get("decision") == "redact" and not (data.get("passage") or "").strip():
            self.add_error("passage", _("Copy the passage to remove."))
        return data


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your public reply"),
        help_text=_(
            "A moderator checks it first; then everyone can read it. Do not try to guess or "
            "name who wrote the review."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReplyModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Publish")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    rule = forms.ChoiceField(
        label=_("Rule it breaks (when rejecting)"),
        required=False,
        choices=[("", "—"), *ReplyRule.choices],
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not data.get("rule"):
            self.add_error("rule", _("Choose the rule the reply breaks."))
        return data
