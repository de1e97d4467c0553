"""Vocabularies of the opportunities app; other apps may import them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    BLOCKED = "blocked", _("Blocked by a check")
    REVIEW = "review", _("Waiting for a coordinator's review")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Housing(models.TextChoices):
    PROVIDED_FREE = "free", _("Provided by the employer, free")
    PROVIDED_DEDUCTED = "deducted", _("Provided by the employer, with a deduction")
    NOT_PROVIDED = "none", _("Not provided")


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    INVITED = "invited", _("Invited by the employer")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    HIRED = "hired", _("Hired")


class NamedStatus(models.TextChoices):
    WAITING_WORKER = "waiting-worker", _("Waiting for the worker")
    WAITING_LIAISON = "waiting-liaison", _("Waiting for the liaison")
    APPROVED = "approved", _("Approved")
    # What the worker or the liaison said no to; the employer is only ever told "not available".
    WORKER_DECLINED = "worker-declined", _("The worker said no")
    LIAISON_REFUSED = "liaison-refused", _("The liaison did not approve")


class ReferralType(models.TextChoices):
    JOB = "job", _("Job placement")
    TRAINING = "training", _("Training")
    MICROCREDIT = "microcredit", _("Microcredit")
    BUSINESS = "business", _("Business start-up")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in-progress", _("In progress")
    OUTCOME = "outcome", _("Outcome recorded")


class ReferralOutcome(models.TextChoices):
    JOB = "job", _("Got a job")
    TRAINING_COMPLETED = "training-completed", _("Training completed")
    LOAN_DISBURSED = "loan-disbursed", _("Loan disbursed")
    BUSINESS_STARTED = "business-started", _("Business started")
    NOT_PURSUED = "not-pursued", _("Not pursued")


class SharedField(models.TextChoices):
    """What of her profile a worker may let a referral carry, one tick each."""

    NAME = "name", _("My name")
    HOME = "home", _("My home state and town")
    LANGUAGES = "languages", _("My languages")
    SKILLS = "skills", _("My skills")
    SEASONS = "seasons", _("My seasons worked abroad")
    GOALS = "goals", _("My goals")


FOLLOW_UP_MONTHS = (3, 6, 12)


class VisitStatus(models.TextChoices):
    OPEN = "open", _("Looking for a volunteer")
    MATCHED = "matched", _("Volunteer found")
    DONE = "done", _("Visit done and reported")


class Vetting(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    CLEARED = "cleared", _("Checked and cleared")
    NOT_CLEARED = "not-cleared", _("Not cleared")


class Expertise(models.TextChoices):
    IRRIGATION = "irrigation", _("Irrigation")
    GREENHOUSE = "greenhouse", _("Greenhouse growing")
    ORCHARD = "orchard", _("Orchard care and pruning")
    FOOD_SAFETY = "food-safety", _("Food safety and processing")
    COOPERATIVES = "cooperatives", _("Cooperatives and small business")
    BOOKKEEPING = "bookkeeping", _("Bookkeeping")
    MACHINERY = "machinery", _("Farm machinery")
    SOIL = "soil", _("Soil and composting")
