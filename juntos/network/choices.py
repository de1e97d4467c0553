"""Vocabularies of the network: meeting formats, recommendation stages, vote rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class MeetingStatus(models.TextChoices):
    POLLING = "polling", _("Finding a time")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")


class AgendaKind(models.TextChoices):
    WORKER_VOICES = "worker-voices", _("Worker voices")
    RECOMMENDATION = "recommendation", _("Recommendation")
    OTHER = "other", _("Other item")


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ENDORSED = "endorsed", _("Endorsed by the working group")
    ON_AGENDA = "on-agenda", _("On the plenary agenda")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")


class CommentState(models.TextChoices):
    SHOWN = "shown", _("Shown")
    REMOVED = "removed", _("Removed by its author")
    HIDDEN = "hidden", _("Hidden by the coordinator")


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not-started", _("Not started")
    IN_PROGRESS = "in-progress", _("In progress")
    DONE = "done", _("Done")
    BLOCKED = "blocked", _("Blocked")


class BallotKind(models.TextChoices):
    OPEN = "open", _("Open ballot")
    SECRET = "secret", _("Secret ballot")


class Threshold(models.TextChoices):
    SIMPLE_MAJORITY = "simple-majority", _("Simple majority")
    TWO_THIRDS = "two-thirds", _("Two thirds")


class VoteStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class PollKind(models.TextChoices):
    MOTION = "motion", _("Yes, no or abstain")
    CONSENT = "consent", _("Consent: agree, stand aside or block")
    RANKED = "ranked", _("Ranked choice between options (instant runoff)")
    SCORE = "score", _("Score each option from 0 to 5")


# Poll kinds that choose among options the coordinator lists; open ballots only, since their
# count needs each ballot's whole ranking or scores, which the secret ballot's sum cannot give.
OPTION_POLLS = (PollKind.RANKED, PollKind.SCORE)


class Choice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")
    AGREE = "agree", _("Agree")
    STAND_ASIDE = "aside", _("Stand aside")
    BLOCK = "block", _("Block")
    # A ranked-choice or score ballot: what it says is in its BallotAnswer.
    RANKING = "ranking", _("Ranking")
    SCORES = "scores", _("Scores")


CHOICES_OF_POLL = {
    PollKind.MOTION: (Choice.YES, Choice.NO, Choice.ABSTAIN),
    PollKind.CONSENT: (Choice.AGREE, Choice.STAND_ASIDE, Choice.BLOCK),
}


# The network works in these languages; interpretation can be asked for any of them.
INTERPRETATION_LANGUAGES = [
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("en", _("English")),
    ("tl", _("Tagalog")),
    ("pa", _("Punjabi")),
    ("th", _("Thai")),
]


class AmendmentState(models.TextChoices):
    PENDING = "pending", _("Waiting for the working group")
    ACCEPTED = "accepted", _("Accepted by the working group")
    REJECTED = "rejected", _("Not accepted by the working group")
