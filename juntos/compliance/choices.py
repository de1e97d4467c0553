"""Vocabularies of the compliance app; other apps may import them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    PAY_SLIP = "payslip", _("Pay slip")
    CONTRACT = "contract", _("Contract")
    JOB_OFFER = "offer", _("Job offer")


class Certainty(models.TextChoices):
    """How sure the platform is of a rule version: only a confirmed one can be broken."""

    CONFIRMED = "confirmed", _("Confirmed")
    SECONDARY = "secondary", _("Reported by one unofficial source")
    UNCERTAIN = "uncertain", _("Not yet verified")


class SourceKind(models.TextChoices):
    """Official: a government site or the government's own release; else secondary."""

    OFFICIAL = "official", _("Official")
    SECONDARY = "secondary", _("Secondary (news or another third party)")


class VersionStatus(models.TextChoices):
    """A version added on the desk is proposed; it takes effect once a second editor approves."""

    PROPOSED = "proposed", _("Waiting for a second editor")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Severity(models.TextChoices):
    VIOLATION = "violation", _("Breaks the rule")
    NOT_COVERED = "not-covered", _("No rule known for this date or place: ask a caseworker")
    ASK = "ask", _("Ask a caseworker to check")
    INFO = "info", _("Good to know")


class Audience(models.TextChoices):
    WORKER = "worker", _("Worker")
    EMPLOYER = "employer", _("Employer")


class DeductionType(models.TextChoices):
    HOUSING = "housing", _("Housing (rent)")
    UTILITIES = "utilities", _("Utilities (electricity, water, heating)")
    AIRFARE = "airfare", _("Airfare or travel")
    MEALS = "meals", _("Meals")
    HEALTH_INSURANCE = "health-insurance", _("Private health insurance")
    SOURCE_COUNTRY = "source-country", _("Government agent of your country")
    STATUTORY = "statutory", _("Income tax, CPP and EI")
    RECRUITMENT_FEE = "recruitment-fee", _("Recruitment or placement fee")
    WORK_PERMIT_FEE = "work-permit-fee", _("Work permit or visa fee")
    OTHER = "other", _("Other")


class RecruiterLicensed(models.TextChoices):
    YES = "yes", _("Yes, licensed")
    NO = "no", _("No, not licensed")
    UNKNOWN = "unknown", _("I don't know")


SAWP_PROGRAMS = ("sawp-mx", "sawp-car")
