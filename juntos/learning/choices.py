"""Vocabularies of the learning app; other apps may import them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    FINANCIAL_LITERACY = "financial-literacy", _("Financial literacy and savings")
    ENGLISH = "english", _("English")
    FRENCH = "french", _("French")
    HEALTH_SAFETY = "health-safety", _("Health and safety")
    TRADE_SKILLS = "trade-skills", _("Trade skills")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship")


class CourseFormat(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class Schedule(models.TextChoices):
    """When a session meets: the times that fit around farm work."""

    EVENINGS = "evenings", _("Evenings")
    WEEKENDS = "weekends", _("Weekends")
    RAIN_DAYS = "rain-days", _("Rain days")
    SELF_PACED = "self-paced", _("At your own pace")


class GoalKind(models.TextChoices):
    START_BUSINESS = "start-business", _("Start a business")
    BETTER_JOB_HOME = "better-job-home", _("A better job at home")
    CERTIFICATION = "certification", _("Get a certification")
    ENGLISH = "english", _("Learn English")
    FRENCH = "french", _("Learn French")


class LanguageLevel(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
    FIRST_LANGUAGE = "first", _("First language")


class CompletionRule(models.TextChoices):
    ATTENDANCE = "attendance", _("Attend enough classes")
    ASSESSMENT = "assessment", _("Pass the assessment")
    SIGN_OFF = "sign-off", _("Sign-off by the teacher")
    LESSONS = "lessons", _("Finish every lesson online")


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waiting list")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")


class DocumentKind(models.TextChoices):
    CONTRACT = "contract", _("Contract")
    PAY_SLIP = "pay-slip", _("Pay slip")
    HOURS_LOG = "hours-log", _("Hours log")
    PHOTO = "photo", _("Photo")
    OTHER = "other", _("Other document")


class Country(models.TextChoices):
    """Home countries of the workers the programs bring; "other" keeps the list short."""

    MEXICO = "MX", _("Mexico")
    GUATEMALA = "GT", _("Guatemala")
    HONDURAS = "HN", _("Honduras")
    JAMAICA = "JM", _("Jamaica")
    TRINIDAD_TOBAGO = "TT", _("Trinidad and Tobago")
    PHILIPPINES = "PH", _("Philippines")
    OTHER = "ZZ", _("Another country")


class Occupation(models.TextChoices):
    """A subset of NOC 2021 (5-digit codes) for farm and care work; see domain-rules §5.3."""

    MANAGER_AGRICULTURE = "80020", _("80020 Managers in agriculture")
    MANAGER_HORTICULTURE = "80021", _("80021 Managers in horticulture")
    FARM_SUPERVISOR = "82030", _("82030 Agricultural service contractors and farm supervisors")
    LANDSCAPE_SUPERVISOR = (
        "82031",
        _("82031 Contractors and supervisors, landscaping and horticulture services"),
    )
    LIVESTOCK_MACHINERY = (
        "84120",
        _("84120 Specialized livestock workers and farm machinery operators"),
    )
    LIVESTOCK_LABOURER = "85100", _("85100 Livestock labourers")
    HARVESTING_LABOURER = "85101", _("85101 Harvesting labourers")
    NURSERY_GREENHOUSE = "85103", _("85103 Nursery and greenhouse labourers")
    NURSE_AIDE = "33102", _("33102 Nurse aides, orderlies and patient service associates")
    CHILD_CARE = "44100", _("44100 Home child care providers")
    HOME_SUPPORT = "44101", _("44101 Home support workers, caregivers and related occupations")


# TEER category of each occupation above (NOC 2021): 0 management ... 5 no formal education.
OCCUPATION_TEER = {
    "80020": 0,
    "80021": 0,
    "82030": 2,
    "82031": 2,
    "84120": 4,
    "85100": 5,
    "85101": 5,
    "85103": 5,
    "33102": 3,
    "44100": 4,
    "44101": 4,
}

# Organisation kinds a worker may let see her profile; employers and recruiters never may.
PROFILE_VIEWER_KINDS = frozenset(
    {"support-nonprofit", "consulate", "training-provider", "network-secretariat", "microfinance"}
)
