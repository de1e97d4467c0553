"""Vocabularies of the funding program."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from juntos.core.jurisdictions import MarginalisedGroup


class Currency(models.TextChoices):
    CAD = "CAD", _("Canadian dollars (CAD)")
    MXN = "MXN", _("Mexican pesos (MXN)")


class CallStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    AWARDED = "awarded", _("Awarded")


class PartnerStatus(models.TextChoices):
    INVITED = "invited", _("Waiting for the partner")
    CONFIRMED = "confirmed", _("Confirmed by the partner")
    DECLINED = "declined", _("Declined by the partner")


class BudgetCategory(models.TextChoices):
    STAFF = "staff", _("Staff")
    ACTIVITIES = "activities", _("Activities and outreach")
    TRAVEL = "travel", _("Travel")
    INTERPRETATION = "interpretation", _("Interpretation and translation")
    MATERIALS = "materials", _("Materials")
    ADMINISTRATION = "administration", _("Administration")


class ReviewStatus(models.TextChoices):
    DECLARING = "declaring", _("Conflicts not yet declared")
    OPEN = "open", _("No conflict: reviewing")
    DONE = "done", _("Scored")
    RECUSED = "recused", _("Recused for a declared conflict")
    REFUSED = "refused", _("Refused: from an applicant organisation")


class ReportStatus(models.TextChoices):
    DUE = "due", _("Due")
    SUBMITTED = "submitted", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    SKIPPED = "skipped", _("Skipped")


# The time zones a call's deadline may be set in: the network's provinces and Mexico.
CALL_TIME_ZONES = [
    ("America/Vancouver", "America/Vancouver"),
    ("America/Edmonton", "America/Edmonton"),
    ("America/Regina", "America/Regina"),
    ("America/Winnipeg", "America/Winnipeg"),
    ("America/Toronto", "America/Toronto"),
    ("America/Halifax", "America/Halifax"),
    ("America/St_Johns", "America/St_Johns"),
    ("America/Mexico_City", "America/Mexico_City"),
]


# The groups a report counts within each indicator's total: the network's shared vocabulary
# (core), without "none of these", which is not a group to count.
REPORTED_GROUPS = [g for g in MarginalisedGroup if g != MarginalisedGroup.NONE]
