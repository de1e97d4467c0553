"""Vocabularies of the rights library; other apps may import them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Articles are written in English first; Spanish and French texts are translations of it.
SOURCE_LANGUAGE = "en"
CONTENT_LANGUAGES = ("en", "es", "fr")


class Topic(models.TextChoices):
    WAGES = "wages", _("Wages")
    HOURS_REST = "hours-rest", _("Hours and rest")
    DEDUCTIONS = "deductions", _("Deductions from pay")
    HOUSING = "housing", _("Housing")
    HEALTH_SAFETY = "health-safety", _("Health and safety")
    HEALTH_COVERAGE = "health-coverage", _("Health coverage")
    RECRUITMENT_FEES = "recruitment-fees", _("Recruitment fees")
    REPRISAL = "reprisal", _("Reprisal")
    CHANGING_EMPLOYERS = "changing-employers", _("Changing employers")
    LEAVING_ABUSE = "leaving-abuse", _("Leaving an abusive job")
    HOW_TO_REPORT = "how-to-report", _("How to report")
    UNIONS = "unions", _("Unions")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in-review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Replaced by a newer version")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as something changes")
    WEEKLY = "weekly", _("Once a week, in one message")


class AlertChannel(models.TextChoices):
    SMS = "sms", _("SMS (text message)")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("Email")
