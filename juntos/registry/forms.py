"""Forms check shape only; the services decide what is allowed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.core.jurisdictions import Province
from juntos.registry.choices import ModerationRule, ReplyRule, YesNo

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


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


def _fee_question(label: StrOrPromise) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=_("Recruitment fees charged to workers are not allowed."),
        choices=YesNo.choices,
        widget=forms.RadioSelect,
    )


PARTLY = _("Partly")


def _rated(label: StrOrPromise, mixed: StrOrPromise = PARTLY) -> forms.TypedChoiceField:
    """A question answered yes, `mixed` or no, kept as the rating 3, 2 or 1."""
    return forms.TypedChoiceField(
        label=label, choices=_three(_("Yes"), mixed, _("No")), coerce=int, widget=forms.RadioSelect
    )


class SeasonReviewForm(forms.Form):
    """What every worker review asks: the season (this one or the one before) and her words.

    Her words come last, after the questions each kind of review adds.
    """

    season = forms.TypedChoiceField(label=_("Which season are you reviewing?"), coerce=int)
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
        self.fields["text"] = self.fields.pop("text")


class ReviewForm(SeasonReviewForm):
    fee_charged = _fee_question(_("Did you pay anyone a fee to get this job?"))
    contract_matched = _rated(_("Did the contract match the real job?"))
    paid_on_time = _rated(_("Were you paid on time and in full?"), _("Sometimes"))
    housing = forms.TypedChoiceField(
        label=_("How was the housing?"),
        choices=[*_three(_("Good"), _("Acceptable"), _("Poor")), ("", _("No housing given"))],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    respect_safety = _rated(_("Were you treated with respect, and was the work safe?"))


class RecruiterReviewForm(SeasonReviewForm):
    fee_charged = _fee_question(_("Did this recruiter ask you to pay a fee?"))
    promise_kept = _rated(_("Was the job what the recruiter promised?"))
    explained_clearly = _rated(
        _("Did the recruiter explain the contract clearly, in your language?")
    )
    respect = _rated(_("Did the recruiter treat you with respect?"))


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
