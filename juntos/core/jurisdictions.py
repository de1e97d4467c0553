"""The shared vocabulary of places and programs that every module records and filters by.

Codes are stable identifiers stored in the database; labels are translated for display.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    FEDERAL = "CA", _("Canada (federal)")
    AB = "AB", _("Alberta")
    BC = "BC", _("British Columbia")
    MB = "MB", _("Manitoba")
    NB = "NB", _("New Brunswick")
    NL = "NL", _("Newfoundland and Labrador")
    NS = "NS", _("Nova Scotia")
    NT = "NT", _("Northwest Territories")
    NU = "NU", _("Nunavut")
    ON = "ON", _("Ontario")
    PE = "PE", _("Prince Edward Island")
    QC = "QC", _("Quebec")
    SK = "SK", _("Saskatchewan")
    YT = "YT", _("Yukon")


class Program(models.TextChoices):
    SAWP_MEXICO = "sawp-mx", _("Seasonal Agricultural Worker Program (Mexico)")
    SAWP_CARIBBEAN = "sawp-car", _("Seasonal Agricultural Worker Program (Caribbean)")
    AGRICULTURAL_STREAM = "ag-stream", _("Agricultural stream")
    LOW_WAGE = "low-wage", _("Low-wage stream")
    HIGH_WAGE = "high-wage", _("High-wage stream")
    CAREGIVER = "caregiver", _("Caregivers")
    OPEN_WORK_PERMIT = "owp", _("Open work permit")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non-binary", _("Non-binary")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class MarginalisedGroup(models.TextChoices):
    """A group a worker may choose to be counted with, so the network sees who is left out.

    One group per person (the one she chooses), so that counts by group still add up to the
    total of those who said; blank when she did not say.
    """

    INDIGENOUS = "indigenous", _("Indigenous person")
    INDIGENOUS_LANGUAGE = "indigenous-language", _("First language is an Indigenous language")
    DISABILITY = "disability", _("Person with a disability")
    LGBTQ = "2slgbtqi", _("2SLGBTQI+ person")
    NONE = "none", _("None of these")


PROVINCES_ONLY = [choice for choice in Province if choice != Province.FEDERAL]
