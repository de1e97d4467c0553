"""Forms check shape; the services check meaning (who may, which stage, which time)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.accounts.choices import Sector
from juntos.network.choices import (
    CHOICES_OF_POLL,
    INTERPRETATION_LANGUAGES,
    BallotKind,
    ImplementationStatus,
    MeetingFormat,
    PollKind,
    Threshold,
)
from juntos.network.texts import TextsInLanguage

POLL_SLOTS = 4


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_sector_display()})"


class MembersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_sector_display()})"


def _quorum_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Answers needed for a group decision"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_(
            "How many of the group's members must answer before a draft is decided. Leave "
            "empty for a majority of the members."
        ),
    )


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    mandate = forms.CharField(label=_("Mandate"), widget=forms.Textarea, max_length=5000)
    co_chairs = MembersChoiceField(
        label=_("Co-chairs"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Two co-chairs from different sectors, e.g. a worker and an employer."),
    )
    decision_quorum = _quorum_field()

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["co_chairs"].queryset = members  # type: ignore[attr-defined]


class QuorumForm(forms.Form):
    """A coordinator's change to a group's quorum; it counts from the next answer."""

    decision_quorum = _quorum_field()


class GroupMemberForm(forms.Form):
    member = MemberChoiceField(label=_("Member"), queryset=None)
    is_co_chair = forms.BooleanField(label=_("Co-chair"), required=False)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class MeetingForm(forms.Form):
    group: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Working group"),
        queryset=None,
        required=False,
        empty_label=_("None: this is a plenary"),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    format = forms.ChoiceField(
        label=_("Format"), choices=MeetingFormat.choices, widget=forms.RadioSelect
    )
    location = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        # Each group by its name in the reader's language (one query for all of them).
        texts = TextsInLanguage()
        self.fields["group"].label_from_instance = lambda group: texts.shown(group).title  # type: ignore[attr-defined]
        for n in range(1, POLL_SLOTS + 1):
            required = n == 1
            self.fields[f"day_{n}"] = forms.DateField(
                label=_("Possible time %(n)s: day") % {"n": n},
                required=required,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"start_{n}"] = forms.TimeField(
                label=_("Possible time %(n)s: starts") % {"n": n},
                required=required,
                widget=forms.TimeInput(attrs={"type": "time"}),
            )
            self.fields[f"end_{n}"] = forms.TimeField(
                label=_("Possible time %(n)s: ends") % {"n": n},
                required=required,
                widget=forms.TimeInput(attrs={"type": "time"}),
            )

    def options(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """The filled-in possible times, as aware datetimes in the site's time zone."""
        found = []
        for n in range(1, POLL_SLOTS + 1):
            day, start, end = (self.cleaned_data.get(f"{k}_{n}") for k in ("day", "start", "end"))
            if day and start and end:
                found.append(
                    (
                        timezone.make_aware(dt.datetime.combine(day, start)),
                        timezone.make_aware(dt.datetime.combine(day, end)),
                    )
                )
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(2, POLL_SLOTS + 1):
            filled = [data.get(f"{k}_{n}") for k in ("day", "start", "end")]
            if any(filled) and not all(filled):
                self.add_error(f"day_{n}", _("Give the day, the start and the end."))
        return data


class AvailabilityForm(forms.Form):
    options = forms.MultipleChoiceField(
        label=_("Times I can attend"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["options"].choices = choices  # type: ignore[attr-defined]


class ScheduleForm(forms.Form):
    option = forms.ChoiceField(label=_("Hold the meeting at"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = choices  # type: ignore[attr-defined]


class RegistrationForm(forms.Form):
    interpretation_language = forms.ChoiceField(
        label=_("Interpretation"),
        required=False,
        choices=[("", _("I do not need interpretation")), *INTERPRETATION_LANGUAGES],
        help_text=_("An impartial interpreter will be booked for the language you choose."),
    )


class InterpreterForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=INTERPRETATION_LANGUAGES)
    interpreter_name = forms.CharField(label=_("Interpreter"), max_length=200)


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=300)


class HeldForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Who attended"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = choices  # type: ignore[attr-defined]


class MinutesForm(forms.Form):
    # Prefixed: the meeting page also has the interpreter form's "language" field.
    prefix = "minutes"

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    body = forms.CharField(label=_("Minutes"), widget=forms.Textarea, max_length=50000)


class RecommendationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea, max_length=20000)


class RecommendationDraftForm(RecommendationForm):
    language = forms.ChoiceField(
        label=_("Language you write it in"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("The network's interpreters add the other languages."),
    )


class RevisionForm(RecommendationForm):
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class AmendmentForm(forms.Form):
    """A proposed title and text in each language (the draft's own language first), and why.

    Each language starts filled with what the draft says now; a language left as it is, or
    emptied, is not part of the proposal.
    """

    reason = forms.CharField(
        label=_("Why this change"),
        help_text=_("The working group reads this before it accepts or rejects the amendment."),
        widget=forms.Textarea,
        max_length=2000,
    )

    def __init__(
        self, *args: Any, recommendation: Any, current: dict[str, tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.languages = sorted(
            settings.LANGUAGES, key=lambda lang: lang[0] != recommendation.language
        )
        for code, name in self.languages:
            title, body = current.get(code, ("", ""))
            original = code == recommendation.language
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                max_length=300,
                required=False,
                initial=title,
                help_text=_(
                    "The language the draft is written in: the group decides on this version."
                )
                if original
                else _(
                    "Optional: leave it as it is, or empty, to propose no change in this language."
                ),
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name},
                widget=forms.Textarea,
                max_length=20000,
                required=False,
                initial=body,
            )
        self.order_fields(
            [*(f"{k}_{c}" for c, _n in self.languages for k in ("title", "body")), "reason"]
        )

    def texts(self) -> dict[str, tuple[str, str]]:
        """Language -> (title, text) as typed."""
        data = self.cleaned_data
        return {code: (data[f"title_{code}"], data[f"body_{code}"]) for code, _n in self.languages}

    def language_fields(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """(language name, title field, text field) in the form's order, for the template."""
        return [
            (str(name), self[f"title_{code}"], self[f"body_{code}"])
            for code, name in self.languages
        ]


class AmendmentRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is not accepted"),
        help_text=_("The member who proposed it is told this reason."),
        widget=forms.Textarea,
        max_length=2000,
    )


class GroupAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer on this version"),
        choices=[("agree", _("I agree")), ("disagree", _("I disagree"))],
        widget=forms.RadioSelect,
    )


class CommentForm(forms.Form):
    # Prefixed: the recommendation page also has the revision form's "body" field.
    prefix = "comment"

    body = forms.CharField(label=_("Comment"), widget=forms.Textarea, max_length=5000)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words to look for"),
        min_length=2,
        max_length=200,
        help_text=_("In recommendations, meetings and minutes, in every language they have."),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your answer"), widget=forms.Textarea, max_length=5000)


class CommentHideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is hidden"),
        help_text=_("Everyone reading the discussion sees this reason in its place."),
        widget=forms.Textarea,
        max_length=500,
    )


class AgendaPlacementForm(forms.Form):
    meeting: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Plenary"), queryset=None)

    def __init__(self, *args: Any, plenaries: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = plenaries  # type: ignore[attr-defined]


class TrackingForm(forms.Form):
    responsible_body = forms.CharField(label=_("Responsible body"), max_length=200, required=False)
    implementation_status = forms.ChoiceField(
        label=_("Implementation"), choices=ImplementationStatus.choices
    )
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    funding_call_input = forms.BooleanField(
        label=_("Input to a future funding call"), required=False
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=300)
    due_on = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class VoteOpenForm(forms.Form):
    poll_kind = forms.ChoiceField(
        label=_("Kind of poll"),
        choices=PollKind.choices,
        initial=PollKind.MOTION,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Consent, ranked choice and score polls are open ballots. The threshold applies "
            "to yes/no polls; a consent poll passes when nobody blocks."
        ),
    )
    options = forms.CharField(
        label=_("Options to rank or score, one a line"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only for ranked choice and score polls: from 2 to 10 options."),
    )
    ballot_kind = forms.ChoiceField(
        label=_("Ballot"),
        choices=BallotKind.choices,
        initial=BallotKind.SECRET,
        widget=forms.RadioSelect,
    )
    threshold = forms.ChoiceField(
        label=_("Threshold"),
        choices=Threshold.choices,
        initial=Threshold.SIMPLE_MAJORITY,
        widget=forms.RadioSelect,
    )
    quorum_percent = forms.IntegerField(
        label=_("Quorum (% of the electorate)"), min_value=0, max_value=100, initial=50
    )
    allow_proxies = forms.BooleanField(label=_("Allow proxy votes"), required=False)
    closes_on = forms.DateField(
        label=_("Voting ends on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Electors who have not voted are reminded the day before. After that day no vote "
            "is taken and the vote closes by itself. Optional."
        ),
    )

    def clean_poll_kind(self) -> str:
        # Left out, as by a client that knows only yes/no votes: a yes/no vote.
        return str(self.cleaned_data.get("poll_kind") or PollKind.MOTION)

    def clean_options(self) -> list[str]:
        return str(self.cleaned_data.get("options") or "").splitlines()


class TrusteePassphraseForm(forms.Form):
    current_passphrase = forms.CharField(
        label=_("Current trustee passphrase"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    passphrase = forms.CharField(
        label=_("New trustee passphrase"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. Nobody can recover it for you, not even us."),
    )
    passphrase_again = forms.CharField(
        label=_("The same passphrase again"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, has_key: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_key:
            del self.fields["current_passphrase"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("passphrase") != cleaned.get("passphrase_again"):
            self.add_error("passphrase_again", _("The two passphrases are not the same."))
        return cleaned


class TallyOpenForm(forms.Form):
    passphrase = forms.CharField(
        label=_("Your trustee passphrase"),
        strip=False,
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


SCORE_CHOICES = [(str(n), str(n)) for n in range(6)]


class BallotForm(forms.Form):
    """The ballot of one vote: an answer, a ranking or scores, and a reason if open."""

    reason = forms.CharField(
        label=_("Your reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown with your open ballot once the vote closes. Required to block."),
    )

    def __init__(self, *args: Any, vote: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vote = vote
        self.options = list(vote.options.all()) if vote.has_options else []
        if vote.poll_kind == PollKind.RANKED:
            for option in self.options:
                self.fields[f"rank_{option.position}"] = forms.IntegerField(
                    label=option.label, required=False, min_value=1, max_value=len(self.options)
                )
        elif vote.poll_kind == PollKind.SCORE:
            for option in self.options:
                self.fields[f"score_{option.position}"] = forms.TypedChoiceField(
                    label=option.label, choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
                )
        else:
            choices = CHOICES_OF_POLL[PollKind(vote.poll_kind)]
            self.fields["choice"] = forms.ChoiceField(
                label=_("Your vote"),
                choices=[(c.value, c.label) for c in choices],
                widget=forms.RadioSelect,
            )
        if vote.is_secret:
            # A reason stored beside a secret ballot would be readable plain text.
            del self.fields["reason"]
        elif vote.poll_kind != PollKind.CONSENT:
            self.fields["reason"].help_text = _("Shown with your open ballot once the vote closes.")

    def option_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if name.startswith(("rank_", "score_"))]

    def ballot(self) -> dict[str, Any]:
        """What the service takes: choice, ranking (favourite first) or scores, reason."""
        data = self.cleaned_data
        ranks = {
            o.position: data.get(f"rank_{o.position}")
            for o in self.options
            if data.get(f"rank_{o.position}") is not None
        }
        return {
            "choice": data.get("choice", ""),
            "ranking": sorted(ranks, key=lambda position: (ranks[position], position))
            if len(set(ranks.values())) == len(ranks)
            else [-1],
            "scores": [data.get(f"score_{o.position}", -1) for o in self.options],
            "reason": data.get("reason", ""),
        }


class ProxyForm(forms.Form):
    holder = MemberChoiceField(label=_("Who will vote for you"), queryset=None)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = members  # type: ignore[attr-defined]


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        help_text=_("The code you were shown when you voted, e.g. 7KQ2-M9XD-…"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reasons for the decision"),
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text=_("Leave empty to state the result only."),
    )


class MemberAddForm(forms.Form):
    identifier = forms.CharField(
        label=_("Email or mobile number of the person"),
        max_length=320,
        help_text=_("The person must already have a Juntos account."),
    )
    organisation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Representing an organisation"),
        queryset=None,
        required=False,
        empty_label=_("No: a member in their own right"),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    is_voting = forms.BooleanField(label=_("Voting member"), required=False, initial=True)
    is_interpreter = forms.BooleanField(
        label=_("Interprets for the network (adds translations)"), required=False
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ContentTextForm(forms.Form):
    """One more language of a group, recommendation or meeting, typed by an interpreter."""

    title = forms.CharField(label=_("Title in this language"), max_length=300)
    body = forms.CharField(
        label=_("Text in this language"), widget=forms.Textarea, max_length=20000, required=False
    )

    def __init__(self, *args: Any, has_body: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if has_body:
            self.fields["body"].required = True
        else:
            del self.fields["body"]
