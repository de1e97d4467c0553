"""Vocabularies of the registry: licence statuses, review answers, moderation rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LicenceStatus(models.TextChoices):
    ACTIVE = "active", _("Licensed")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    REFUSED = "refused", _("Refused")


class ImportKind(models.TextChoices):
    NONCOMPLIANT = "noncompliant", _("Federal list of non-compliant employers")
    RECRUITERS = "recruiters", _("Provincial list of licensed recruiters")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSURE = "unsure", _("I am not sure")


class Rating(models.IntegerChoices):
    """Three steps read well on a small phone; the labels differ by question in the form."""

    GOOD = 3, _("Good")
    MIXED = 2, _("Partly")
    BAD = 1, _("Bad")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not accepted")


class ModerationRule(models.TextChoices):
    """The published rules a review is checked against (shown on the rules page)."""

    IDENTIFIES_SOMEONE = "identifies-someone", _("It names or identifies a person")
    FIRST_HAND = "first-hand", _("It is not about the writer's own work at this site")
    THREATS_OR_HATE = "threats-or-hate", _("It contains threats, insults or hate")
    PRIVATE_DATA = "private-data", _("It contains private data such as phone numbers")
    OFF_TOPIC = "off-topic", _("It is not about working conditions")
    DUPLICATE = "duplicate", _("It repeats another review or was written for someone else")


class ReplyRule(models.TextChoices):
    """The published rules an employer's reply is checked against (shown on the rules page).

    A reply is a reprisal risk: the employer knows the crews, the cabins and the dates.
    The context lets languages agree the wording with "reply" rather than "review".
    """

    GUESSES_REVIEWER = (
        "guesses-reviewer",
        pgettext_lazy("reply rule", "It names, guesses or hints at who wrote the review"),
    )
    IDENTIFIES_SOMEONE = (
        "identifies-someone",
        pgettext_lazy("reply rule", "It names or identifies a person"),
    )
    THREATS_OR_HATE = (
        "threats-or-hate",
        pgettext_lazy("reply rule", "It contains threats, insults or hate"),
    )
    REPRISAL = (
        "reprisal",
        pgettext_lazy("reply rule", "It warns of consequences for workers who speak up"),
    )
    PRIVATE_DATA = (
        "private-data",
        pgettext_lazy("reply rule", "It contains private data such as phone numbers"),
    )
    OFF_TOPIC = "off-topic", pgettext_lazy("reply rule", "It does not answer the review")
