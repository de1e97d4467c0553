"""Forms check shape only; the services check meaning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from juntos.core.jurisdictions import PROVINCES_ONLY, Program, Province
from juntos.rights.choices import CONTENT_LANGUAGES, AlertChannel, Frequency, Topic

MAX_QUERY = 200
PROVINCE_CHOICES = [(p.value, p.label) for p in PROVINCES_ONLY]


class ChoiceForm(forms.Form):
    province = forms.ChoiceField(
        label=_("Province or territory where you work"), choices=PROVINCE_CHOICES
    )
    program = forms.ChoiceField(label=_("Your program or permit"), choices=Program.choices)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the rights library"),
        max_length=MAX_QUERY,
        error_messages={
            "required": _("Type one or more words to search, for example: housing."),
            "max_length": _("Use fewer words: at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class SubscribeForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How should we send alerts?"),
        choices=AlertChannel.choices,
        initial=AlertChannel.SMS,
        widget=forms.RadioSelect,
    )
    address = forms.CharField(
        label=_("Mobile number or email address"),
        max_length=320,
        error_messages={"required": _("Give the mobile number or email address for the alerts.")},
        help_text=_(
            "A mobile number for SMS or WhatsApp, with the country code if it is not Canadian."
        ),
    )
    province = forms.ChoiceField(label=_("Province or territory"), choices=PROVINCE_CHOICES)
    programs = forms.MultipleChoiceField(
        label=_("Programs"),
        choices=Program.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to hear about every program."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to hear about every topic."),
    )
    language = forms.ChoiceField(label=_("Language of the alerts"), choices=settings.LANGUAGES)
    frequency = forms.ChoiceField(
        label=_("How often?"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["address"]
            del self.fields["channel"]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the message"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class ArticleNewForm(forms.Form):
    slug = forms.SlugField(label=_("Short name for the address"), max_length=80)
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    jurisdictions = forms.MultipleChoiceField(
        label=_("Where it applies"), choices=Province.choices, widget=forms.CheckboxSelectMultiple
    )
    programs = forms.MultipleChoiceField(
        label=_("Programs"),
        choices=Program.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when it applies to every program."),
    )


TEXT_LABELS = {
    "title": _("Title"),
    "summary": _("The answer, in one or two sentences"),
    "body": _("Details"),
    "what_changed": _("What changed"),
    "obligation": _("What the employer must do"),
    "keywords": _("Other words people search for"),
}


class VersionForm(forms.Form):
    effective_from = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    source_url = forms.URLField(
        label=_("Official source (web address)"), max_length=500, assume_scheme="https"
    )
    source_title = forms.CharField(label=_("Name of the source"), max_length=300)
    source_date = forms.DateField(
        label=_("Date of the source"), widget=forms.DateInput(attrs={"type": "date"})
    )
    is_uncertain = forms.BooleanField(
        label=_("Not yet confirmed: tell workers to check with a caseworker"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for language in CONTENT_LANGUAGES:
            # The language by name in the editor's language: staff read "Spanish", never "es".
            named = get_language_info(language)["name_translated"]
            for name, label in TEXT_LABELS.items():
                widget = (
                    forms.Textarea(attrs={"rows": 4})
                    if name in ("summary", "body", "what_changed", "obligation")
                    else forms.TextInput
                )
                self.fields[f"{language}_{name}"] = forms.CharField(
                    label=f"{label} ({named})", required=False, widget=widget, max_length=20000
                )
            if language != CONTENT_LANGUAGES[0]:
                self.fields[f"{language}_up_to_date"] = forms.BooleanField(
                    label=_("This translation says the same as the English text (%(lang)s)")
                    % {"lang": named},
                    required=False,
                    help_text=_(
                        "Tick only after comparing it with the English text as it is now. "
                        "Until then readers are told this translation may be out of date."
                    ),
                )

    def language_fields(self, language: str) -> list[forms.BoundField]:
        """The fields of one language, in order, for the template."""
        names = [f"{language}_{name}" for name in TEXT_LABELS]
        if f"{language}_up_to_date" in self.fields:
            names.append(f"{language}_up_to_date")
        return [self[name] for name in names]

    def texts(self) -> dict[str, dict[str, str]]:
        data = self.cleaned_data
        return {
            language: {name: data.get(f"{language}_{name}", "") for name in TEXT_LABELS}
            for language in CONTENT_LANGUAGES
        }

    def up_to_date(self) -> set[str]:
        return {
            language
            for language in CONTENT_LANGUAGES[1:]
            if self.cleaned_data.get(f"{language}_up_to_date")
        }
