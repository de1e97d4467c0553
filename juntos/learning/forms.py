"""Shapes of the learning app's forms; the services decide what the input means."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from juntos.core.jurisdictions import PROVINCES_ONLY, Program, Province
from juntos.learning.choices import (
    CompletionRule,
    Country,
    CourseFormat,
    DocumentKind,
    GoalKind,
    LanguageLevel,
    Occupation,
    Schedule,
    Topic,
)
from juntos.learning.models import WorkerProfile
from juntos.learning.weekdays import WEEKDAY_CHOICES

# ISO dates whatever the page's language: a date input shows nothing for "01/05/2027".
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
ANY = [("", _("Any"))]


def _set_choices(form: forms.Form, name: str, choices: Any) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _blank(choices: Any) -> list[tuple[str, Any]]:
    return [("", "—"), *choices]


class CatalogueForm(forms.Form):
    """The catalogue's GET form: free text and one value per facet."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=ANY + Topic.choices)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=ANY + CourseFormat.choices
    )
    language = forms.ChoiceField(
        label=_("Taught in"), required=False, choices=ANY + list(settings.LANGUAGES)
    )
    province = forms.ChoiceField(
        label=_("Province"), required=False, choices=ANY + Province.choices
    )
    schedule = forms.ChoiceField(label=_("When"), required=False, choices=ANY + Schedule.choices)
    provider = forms.ChoiceField(label=_("Offered by"), required=False, choices=ANY)

    def __init__(self, *args: Any, providers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "provider", ANY + providers)


class ClaimForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=40,
        help_text=_("The code sent to your phone or email after the workshop."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = WorkerProfile
        fields = [
            "home_country",
            "home_state",
            "home_municipality",
            "gender",
            "marginalised_group",
            "birth_year",
        ]
        help_texts = {
            "birth_year": _("Optional. Used only to count people by age group, never alone."),
            "gender": _("Optional. Counted only in totals, to see who is left out."),
            "marginalised_group": _(
                "Optional. If you wish, one group you want to be counted with. It is never "
                "shown with your name, only in totals, to see who is left out."
            ),
        }


class ResearchConsentForm(forms.Form):
    research_consent = forms.BooleanField(
        label=_("Count me in research about seasonal work"), required=False
    )


class LanguageForm(forms.Form):
    language = forms.CharField(label=_("Language"), max_length=60)
    level = forms.ChoiceField(label=_("Level"), choices=LanguageLevel.choices)


class SeasonForm(forms.Form):
    employer_name = forms.CharField(label=_("Employer"), max_length=200)
    province = forms.ChoiceField(
        label=_("Province"), choices=[(p.value, p.label) for p in PROVINCES_ONLY]
    )
    program = forms.ChoiceField(label=_("Program"), choices=Program.choices)
    occupation = forms.ChoiceField(
        label=_("Closest occupation (NOC 2021)"), required=False, choices=_blank(Occupation.choices)
    )
    started_on = forms.DateField(label=_("From"), widget=DATE)
    ended_on = forms.DateField(label=_("To"), required=False, widget=DATE)


class SkillForm(forms.Form):
    description = forms.CharField(label=_("What you did"), max_length=200)
    occupation = forms.ChoiceField(
        label=_("Closest occupation (NOC 2021)"), required=False, choices=_blank(Occupation.choices)
    )
    years = forms.IntegerField(label=_("Years of experience"), min_value=0, max_value=60, initial=1)


class GoalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Goal"), choices=GoalKind.choices)
    note = forms.CharField(label=_("In your words"), required=False, max_length=300)


class GrantForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, choices=())

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "organisation", organisations)


class LanguageMarkedSelect(forms.Select):
    """A select whose options carry the language their text is written in (`lang`), for titles
    that people wrote and that may not exist in the page's language."""

    def __init__(self, languages: dict[str, str] | None = None) -> None:
        super().__init__()
        self.languages = languages or {}

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if language := self.languages.get(str(value)):
            option["attrs"]["lang"] = language
        return option


class ObjectiveForm(forms.Form):
    title = forms.CharField(label=_("Objective"), max_length=200)
    target_on = forms.DateField(label=_("Target date"), widget=DATE)
    course = forms.TypedChoiceField(
        label=_("Course that helps"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args: Any, courses: list[tuple[int, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The widget first: a choice field hands its choices to the widget it has when they
        # are set, so a widget put in afterwards would show none.
        self.fields["course"].widget = LanguageMarkedSelect(
            {str(pk): language for pk, _title, language in courses}
        )
        _set_choices(self, "course", _blank([(pk, title) for pk, title, _lang in courses]))


class WorkshopForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, choices=())
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "organisation", organisations)


class AttendeeForm(forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=150)
    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=25,
        help_text=_("With the country code. The code to claim the profile goes here."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("Email"), required=False)


class CourseSettingsForm(forms.Form):
    """What staff may change about a course once it exists; its texts have their own form."""

    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    format = forms.ChoiceField(label=_("Format"), choices=CourseFormat.choices)
    language = forms.ChoiceField(label=_("Taught in"), choices=settings.LANGUAGES)
    province = forms.ChoiceField(
        label=_("Province"), required=False, choices=_blank(Province.choices)
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    completion_rule = forms.ChoiceField(label=_("Completed when"), choices=CompletionRule.choices)
    min_attendance_percent = forms.IntegerField(
        label=_("Attendance needed (%)"), min_value=1, max_value=100, initial=75
    )


class CourseForm(CourseSettingsForm):
    organisation = forms.TypedChoiceField(label=_("Provider"), coerce=int, choices=())
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea)
    field_order = ["organisation", "title", "summary"]

    def __init__(self, *args: Any, organisations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "organisation", organisations)


class CourseTextForm(forms.Form):
    """A course's title and summary in one language (the form's prefix names the language).

    An empty title removes a translation, so the title is optional except in the language the
    course is taught in.
    """

    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, teaching: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if teaching:
            title = self.fields["title"]
            title.required = True
            title.error_messages["required"] = _(
                "The course is taught in this language, so it needs a title here."
            )


class SessionForm(forms.Form):
    schedule = forms.ChoiceField(label=_("When"), choices=Schedule.choices)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    starts_at = forms.TimeField(label=_("Classes start at"), required=False, widget=TIME)
    ends_at = forms.TimeField(label=_("Classes end at"), required=False, widget=TIME)
    schedule_note = forms.CharField(
        label=_("Other details"),
        help_text=_("Only what the days and hours do not say, in the language of the course."),
        required=False,
        max_length=200,
    )
    starts_on = forms.DateField(label=_("Starts"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends"), widget=DATE)
    meetings = forms.IntegerField(label=_("Number of classes"), min_value=1, max_value=200)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=500)
    enrolment_opens = forms.DateField(label=_("Enrolment opens"), widget=DATE)
    enrolment_closes = forms.DateField(label=_("Enrolment closes"), widget=DATE)


class AttendanceForm(forms.Form):
    met_on = forms.DateField(label=_("Date of the class"), widget=DATE)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of document"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Name it"), required=False, max_length=200)
    file = forms.FileField(label=_("File"), help_text=_("PDF, photo or text, up to 10 MB."))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:  # refused before it is read into memory
            raise forms.ValidationError(_("Choose a file of up to 10 MB."))
        return upload


class ShareForm(forms.Form):
    caseworker_email = forms.EmailField(
        label=_("Caseworker's email"),
        help_text=_("The caseworker must work for a support organisation on Juntos."),
    )


class AttachForm(forms.Form):
    receipt_code = forms.CharField(
        label=_("Receipt code of your report"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    documents = forms.TypedMultipleChoiceField(
        label=_("Documents to attach"), coerce=int, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args: Any, documents: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "documents", documents)


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account, profile, plan, courses and documents "
            "will be deleted for good."
        )
    )


def _language_names() -> dict[str, str]:
    return {code: str(name) for code, name in settings.LANGUAGES}


class LessonForm(forms.Form):
    """A lesson's order, links and pass mark, and its title and text in each language.

    Only the language the course is taught in is required; a language left empty has no
    translation (workers reading in it see the teaching language, and are told so).
    """

    position = forms.IntegerField(label=_("Order"), required=False, min_value=1, max_value=999)
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("A link only: the lesson page shows it, it does not play the video."),
    )
    material_url = forms.URLField(
        label=_("Link to a file to download"), required=False, max_length=500, assume_scheme="https"
    )
    pass_percent = forms.IntegerField(
        label=_("Pass mark for the quiz (%)"), min_value=1, max_value=100, initial=75
    )

    def __init__(self, *args: Any, teaching: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.languages = _language_names()
        for code, name in self.languages.items():
            required = code == teaching
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name},
                required=required,
                max_length=200,
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text in %(language)s") % {"language": name},
                required=required,
                widget=forms.Textarea(attrs={"rows": 8}),
            )

    def texts(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            code: (data[f"title_{code}"], data[f"body_{code}"])
            for code in self.languages
            if data.get(f"title_{code}", "").strip()
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for code in self.languages:
            title = (data.get(f"title_{code}") or "").strip()
            body = (data.get(f"body_{code}") or "").strip()
            if bool(title) != bool(body):
                self.add_error(
                    f"title_{code}" if not title else f"body_{code}",
                    _("Give both the title and the text in this language, or neither."),
                )
        return data


class QuestionForm(forms.Form):
    """One single-choice question: its wording and answers per language, and the right one."""

    correct = forms.IntegerField(
        label=_("Number of the right answer"), min_value=1, max_value=6, initial=1
    )

    def __init__(self, *args: Any, teaching: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.languages = _language_names()
        for code, name in self.languages.items():
            required = code == teaching
            self.fields[f"prompt_{code}"] = forms.CharField(
                label=_("Question in %(language)s") % {"language": name},
                required=required,
                max_length=300,
            )
            self.fields[f"options_{code}"] = forms.CharField(
                label=_("Answers in %(language)s") % {"language": name},
                required=required,
                help_text=_("One per line, in the same order in every language."),
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def texts(self) -> dict[str, tuple[str, list[str]]]:
        data = self.cleaned_data
        return {
            code: (data[f"prompt_{code}"], data.get(f"options_{code}", "").splitlines())
            for code in self.languages
            if data.get(f"prompt_{code}", "").strip()
        }


class QuizForm(forms.Form):
    """A lesson's quiz, one set of radio buttons per question, in the reader's language."""

    def __init__(self, *args: Any, questions: list[tuple[int, str, list[str]]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        for question_id, prompt, options in questions:
            self.fields[f"q{question_id}"] = forms.TypedChoiceField(
                label=prompt,
                coerce=int,
                widget=forms.RadioSelect,
                choices=[(str(n), option) for n, option in enumerate(options, start=1)],
                error_messages={"required": _("Choose one answer.")},
            )

    def answers(self) -> dict[int, int]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class ClassMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the class"),
        max_length=1000,
        help_text=_("Sent as you write it to everyone enrolled, on their phone or email."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
