"""Vocabularies of the federation app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Feed(models.TextChoices):
    """What an instance publishes to its peers, one ActivityStreams collection each."""

    VACANCIES = "vacancies", _("Vacancies")
    AGGREGATES = "aggregates", _("Public figures")
    STATUS_LISTS = "status-lists", _("Credential status lists")


class PeerStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")


class Rejection(models.TextChoices):
    """Why a signed message was refused (logged without anything about people)."""

    UNSIGNED = "unsigned", _("No signature")
    UNKNOWN_KEY = "unknown-key", _("Unknown key")
    BAD_DIGEST = "bad-digest", _("Content digest does not match")
    BAD_SIGNATURE = "bad-signature", _("Signature does not verify")
    CLOCK_SKEW = "clock-skew", _("Signed too long ago or in the future")
    REPLAY = "replay", _("Signature seen before")
    TOO_MANY = "too-many", _("Too many requests in the hour")
