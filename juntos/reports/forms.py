"""Forms: shape only. The services check meaning and rights."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from juntos.core.jurisdictions import PROVINCES_ONLY, Program, Province
from juntos.reports.attachments import (
    MAX_FILES,
    AttachmentRejected,
    CleanFile,
    check_size,
    clean_file,
)
from juntos.reports.choices import (
    CaseOutcome,
    CasePriority,
    CaseStatus,
    ContactChannel,
    ContactMode,
    InspectionOutcome,
    ReferralKind,
    ReportCategory,
    Stage,
    report_source,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _choices(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


BLANK = [("", _("I don't know / I prefer not to say"))]
CHOOSE_WHAT_HAPPENED = _("Please choose what happened.")
CHOOSE_CONTACT_MODE = _("Please choose whether we may contact you.")
CHOOSE_CHANNEL = _("Please choose how we may reach you.")


class CodeChoiceField(forms.ChoiceField):
    """A choice of upper-case codes that also takes them typed in lower case ("bc")."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().upper()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def recent_months(count: int = 24) -> list[tuple[str, str]]:
    """The last months as choices, newest first, named in the current language."""
    month = timezone.localdate().replace(day=1)
    return list(_recent_months(translation.get_language() or "", month, count))


@lru_cache(maxsize=32)
def _recent_months(language: str, month: dt.date, count: int) -> tuple[tuple[str, str], ...]:
    # Naming 24 months costs more than validating the rest of the form: once per language and
    # month is enough (the key holds both, so a new month or language computes afresh).
    choices = []
    for _i in range(count):
        choices.append((month.strftime("%Y-%m"), formats.date_format(month, "YEAR_MONTH_FORMAT")))
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return tuple(choices)


class IntakeForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What happened?"),
        choices=ReportCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_WHAT_HAPPENED, "invalid_choice": CHOOSE_WHAT_HAPPENED},
    )
    province = CodeChoiceField(
        label=_("Province where you work"),
        choices=BLANK + [(p.value, p.label) for p in PROVINCES_ONLY],
        required=False,
    )
    program = forms.ChoiceField(
        label=_("Your work program"), choices=BLANK + list(Program.choices), required=False
    )
    incident_month = forms.ChoiceField(
        label=_("When did it happen?"), required=False, help_text=_("The month is enough.")
    )
    employer_name = forms.CharField(
        label=_("Employer or farm name"),
        max_length=200,
        required=False,
        help_text=_("Type the name and press “Find employer”, or just leave it as you typed it."),
    )
    employer_site = forms.TypedChoiceField(
        label=_("Is it one of these?"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Tell us what happened"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Write in your own words, in any language. "
            "Do not write your name here if you want to stay anonymous."
        ),
        error_messages={"required": _("Please tell us in a few words what happened.")},
    )
    attachments = MultipleFileField(
        label=_("Photos or documents"),
        required=False,
        help_text=_(
            "Up to 3 files: photos (JPEG, PNG, WebP) or PDF, 10 MB each. "
            "We remove hidden information such as place and date from them."
        ),
    )
    contact_mode = forms.ChoiceField(
        label=_("May we contact you?"),
        choices=ContactMode.choices,
        widget=forms.RadioSelect,
        initial=ContactMode.ANONYMOUS,
        error_messages={"required": CHOOSE_CONTACT_MODE, "invalid_choice": CHOOSE_CONTACT_MODE},
    )
    contact_channel = forms.ChoiceField(
        label=_("How?"),
        choices=ContactChannel.choices,
        required=False,
        error_messages={"invalid_choice": CHOOSE_CHANNEL},
    )
    contact_address = forms.CharField(
        label=_("Phone number or email"),
        max_length=200,
        required=False,
        help_text=_("Only the caseworker on your case can see it."),
    )
    contact_name = forms.CharField(
        label=_("Name we may use (it can be a nickname)"), max_length=100, required=False
    )
    source = forms.CharField(widget=forms.HiddenInput, required=False)
    # The token of files already given on this page (kept sealed across "Find employer").
    held_files = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(
        self, *args: Any, site_choices: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "incident_month").choices = [*BLANK, *recent_months()]
        _choices(self, "employer_site").choices = [
            *(site_choices or []),
            ("", _("None of these: keep what I typed")),
        ]

    def clean_source(self) -> str:
        # Not an error the worker could fix: an unknown value is dropped, never stored.
        return report_source(self.cleaned_data.get("source", ""))

    def clean_incident_month(self) -> dt.date | None:
        value = self.cleaned_data.get("incident_month")
        return dt.date.fromisoformat(f"{value}-01") if value else None

    def clean_attachments(self) -> list[CleanFile]:
        uploads = self.cleaned_data.get("attachments") or []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                _("Please send at most %(count)s files.") % {"count": MAX_FILES}
            )
        cleaned = []
        try:
            for upload in uploads:
                check_size(upload.size)  # before reading a byte of an oversized file
                cleaned.append(clean_file(filename=upload.name, data=upload.read()))
        except AttachmentRejected as exc:
            raise forms.ValidationError(
                _("%(error)s Your text is kept; please choose your files again.") % {"error": exc}
            ) from exc
        return cleaned

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("contact_mode") == ContactMode.CONFIDENTIAL:
            if not (data.get("contact_address") or "").strip():
                self.add_error(
                    "contact_address",
                    _("Please tell us how to reach you, or choose not to be contacted."),
                )
            if not data.get("contact_channel") and "contact_channel" not in self.errors:
                self.add_error("contact_channel", CHOOSE_CHANNEL)
        return data

    def submission_args(self, *, language: str, source: str = "") -> dict[str, Any]:
        """The cleaned input as `services.report_submit` takes it (page and API alike)."""
        data = self.cleaned_data
        return {
            "category": data["category"],
            "details": data["details"],
            "language": language,
            "province": data["province"],
            "program": data["program"],
            "incident_month": data["incident_month"],
            "employer_site_id": data["employer_site"],
            "employer_name": data["employer_name"],
            "contact_mode": data["contact_mode"],
            "contact_channel": data["contact_channel"],
            "contact_address": data["contact_address"],
            "contact_name": data["contact_name"],
            "source": source or data["source"],
            "files": data["attachments"],
        }


class IntakeApiForm(IntakeForm):
    """The intake form as the API takes it: the same fields and messages, plus the language.

    The page takes its language from the address; an API client names it.
    """

    held_files = None  # type: ignore[assignment]  # API files go to /attachments, by code
    language = forms.ChoiceField(
        choices=settings.LANGUAGES,
        error_messages={
            "required": _("Choose a language from the list."),
            "invalid_choice": _("Choose a language from the list."),
        },
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your receipt code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Please type your receipt code.")},
    )


class WorkerMessageForm(CodeForm):
    body = forms.CharField(
        label=_("Your answer or message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please write a message.")},
    )


class WorkerAttachmentForm(CodeForm):
    file = forms.FileField(
        label=_("Add a photo or document"),
        help_text=_(
            "A photo (JPEG, PNG, WebP) or a PDF, up to 10 MB. "
            "We remove hidden information such as place and date from it."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
        error_messages={"required": _("Please choose a file.")},
    )


class ConsentAnswerForm(CodeForm):
    consent = forms.UUIDField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(
        choices=[("yes", _("Yes, I agree")), ("no", _("No, I do not agree"))]
    )


class BodyForm(forms.Form):
    body = forms.CharField(
        label=_("Text"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, label: StrOrPromise = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["body"].label = label


class AssignForm(forms.Form):
    assignee = forms.TypedChoiceField(
        label=_("Assign to"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "assignee").choices = [("", _("No one")), *((p.pk, str(p)) for p in people)]


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[c for c in CaseStatus.choices if c[0] != CaseStatus.CLOSED]
    )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CaseOutcome.choices)


class RequestDecisionForm(forms.Form):
    """A supervisor's answer to a request to close or transfer; a refusal says why."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (shown to the caseworker; needed to refuse)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[c for c in ReferralKind.choices if c[0] != ReferralKind.INSPECTORATE],
        widget=forms.RadioSelect,
    )
    to_organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "to_organisation").choices = [(o.pk, o.name) for o in organisations]


class ConsentRequestForm(forms.Form):
    inspectorate = forms.TypedChoiceField(label=_("Inspectorate"), coerce=int)

    def __init__(self, *args: Any, agencies: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "inspectorate").choices = [(o.pk, o.name) for o in agencies]


class OfferAnswerForm(forms.Form):
    accept = forms.ChoiceField(choices=[("yes", _("Accept")), ("no", _("Decline"))])


class RoutingRuleForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    province = forms.ChoiceField(
        label=_("Province"), choices=[("", _("Any")), *list(Province.choices)], required=False
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any")), *list(ReportCategory.choices)], required=False
    )

    def __init__(self, *args: Any, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "organisation").choices = [(o.pk, o.name) for o in organisations]
        _choices(self, "language").choices = [("", _("Any")), *settings.LANGUAGES]


class OnCallForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    on_call = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CaseFilterForm(forms.Form):
    """The case list's search and filters, sent by GET so a filtered list can be bookmarked."""

    employer = forms.CharField(label=_("Employer name"), max_length=100, required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("Any")), *Stage.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("What happened"), choices=[("", _("Any")), *ReportCategory.choices], required=False
    )
    province = forms.ChoiceField(
        label=_("Province"), choices=[("", _("Any")), *Province.choices], required=False
    )
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    include_closed = forms.BooleanField(label=_("Show closed cases too"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("due", _("Due date, soonest first")),
            ("priority", _("Priority, most urgent first")),
            ("opened", _("Opened, newest first")),
        ],
        required=False,
    )

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "assignee").choices = [
            ("", _("Anyone")),
            ("none", _("No one")),
            *((str(p.pk), str(p)) for p in people),
        ]


class CasePlanForm(forms.Form):
    priority = forms.ChoiceField(label=_("Priority"), choices=CasePriority.choices)
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        help_text=_("A day to look at the case again. Leave it empty for none."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )


class CaseLinkForm(forms.Form):
    other = forms.IntegerField(
        label=_("Case number"),
        min_value=1,
        help_text=_("Another case you work on, about the same employer, site or people."),
    )


class InspectorMessageForm(forms.Form):
    """The inspectorate's message to the worker, read on her status page by her code."""

    body = forms.CharField(
        label=_("Message to the worker"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please write a message.")},
    )
    asks_more = forms.BooleanField(
        label=_("This message asks the worker for more information"),
        help_text=_(
            "The worker's page then says that you ask for more, and the case waits for the "
            "worker's answer."
        ),
        required=False,
    )


class InspectionOutcomeForm(forms.Form):
    """What the inspectorate did with the referral, from a fixed list, and when (optional)."""

    outcome = forms.ChoiceField(
        label=_("What the inspectorate did"),
        choices=[("", _("Choose an outcome")), *InspectionOutcome.choices],
        error_messages={
            "required": _("Choose what the inspectorate did."),
            "invalid_choice": _("Choose what the inspectorate did."),
        },
    )
    outcome_on = forms.DateField(
        label=_("Date"),
        required=False,
        help_text=_("The day of the inspection, order or decision. Leave it empty if none."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
