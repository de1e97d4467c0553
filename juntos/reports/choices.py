"""Vocabularies of reports and cases; other apps import them from here."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from juntos.accounts.choices import Role


class ReportCategory(models.TextChoices):
    WAGE_THEFT = "wage-theft", _("Wages not paid or paid too little")
    UNPAID_HOURS = "unpaid-hours", _("Hours worked but not paid")
    DEDUCTIONS = "deductions", _("Deductions taken from my pay")
    HOUSING = "housing", _("Housing")
    HEALTH_SAFETY = "health-safety", _("Health and safety at work")
    INJURY = "injury", _("Injury or illness")
    HARASSMENT_VIOLENCE = "harassment-violence", _("Harassment or violence")
    DOCUMENT_CONFISCATION = "document-confiscation", _("My passport or papers were taken")
    RECRUITMENT_FEES = "recruitment-fees", _("I paid to be recruited")
    REPRISAL_THREATS = "reprisal-threats", _("Threats or punishment for speaking up")
    NOT_NAMED_BACK = "not-named-back", _("Not named back for next season")
    EMERGENCY = "emergency", _("Emergency: I or someone is in danger now")
    OTHER = "other", _("Something else")


class ContactMode(models.TextChoices):
    ANONYMOUS = "anonymous", _("Do not contact me. I will check with my receipt code.")
    CONFIDENTIAL = "confidential", _("You may contact me in confidence")


class ContactChannel(models.TextChoices):
    SMS = "sms", _("SMS (text message)")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("Email")


class Stage(models.TextChoices):
    """What the worker sees on her status page."""

    RECEIVED = "received", _("Received")
    REVIEWING = "reviewing", _("Being reviewed")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


class KeyRole(models.TextChoices):
    """Why an organisation holds a report's key, and so what it may do with it."""

    RECIPIENT = "recipient", _("Received for triage")
    OWNER = "owner", _("Owns the case")
    HELPER = "helper", _("Helps on a referral")
    OFFERED = "offered", _("Offered a referral or transfer")
    INSPECTOR = "inspector", _("Referred to the inspectorate")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in-progress", _("In progress")
    WAITING_WORKER = "waiting-worker", _("Waiting for the worker")
    CLOSED = "closed", _("Closed")


class CaseOutcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    REFERRED_INSPECTORATE = "referred-inspectorate", _("Referred to the inspectorate")
    REFERRED_ELSEWHERE = "referred-elsewhere", _("Referred to another organisation")
    WORKER_WITHDREW = "worker-withdrew", _("The worker withdrew")
    NO_CONTACT = "no-contact", _("No further contact")
    NOT_ACTIONABLE = "not-actionable", _("Could not be acted on")


class CasePriority(models.TextChoices):
    """How urgent the caseworker judges the case; set by her, never by the worker."""

    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    URGENT = "urgent", _("Urgent")


# Highest first when the case list is sorted by priority.
PRIORITY_RANK = {
    CasePriority.URGENT: 4,
    CasePriority.HIGH: 3,
    CasePriority.NORMAL: 2,
    CasePriority.LOW: 1,
}


class ReferralKind(models.TextChoices):
    REFERRAL = "referral", _("Referral: we keep the case, they help")
    TRANSFER = "transfer", _("Transfer: they take the case over")
    INSPECTORATE = "inspectorate", _("Referral to the inspectorate")


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ConsentAnswer(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    GIVEN = "given", _("Yes, I agree")
    REFUSED = "refused", _("No, I do not agree")


class CaseRequestKind(models.TextChoices):
    """What a caseworker asks a supervisor to approve."""

    CLOSE = "close", _("Close the case")
    TRANSFER = "transfer", _("Transfer the case")


class CaseRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a supervisor")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class MessageSender(models.TextChoices):
    WORKER = "worker", _("You")
    STAFF = "staff", _("Caseworker")
    INSPECTORATE = "inspector", _("Inspectorate")


class InspectionOutcome(models.TextChoices):
    """What the inspectorate did with a referral, as it records it."""

    INSPECTION_OPENED = "inspection-opened", _("Inspection opened")
    ORDER_ISSUED = "order-issued", _("Violation found: order issued")
    NO_VIOLATION = "no-violation", _("No violation found")
    COULD_NOT_ACT = "could-not-act", _("Could not act")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The same outcomes in plain words for the worker, on her status page.
INSPECTION_OUTCOME_FOR_WORKER: dict[str, str | Promise] = {
    InspectionOutcome.INSPECTION_OPENED: _(
        "The inspectorate has opened an inspection of the employer."
    ),
    InspectionOutcome.ORDER_ISSUED: _(
        "The inspectorate found that the employer broke the rules and ordered the employer to "
        "put it right."
    ),
    InspectionOutcome.NO_VIOLATION: _(
        "The inspectorate did not find that the employer broke the rules. Your caseworker can "
        "tell you what else can be done."
    ),
    InspectionOutcome.COULD_NOT_ACT: _(
        "The inspectorate could not act on your report. Your caseworker can tell you what else "
        "can be done."
    ),
    InspectionOutcome.WITHDRAWN: _("The referral to the inspectorate was withdrawn."),
}


# Roles in a support organisation that work on reports; managers also set the routing.
# Where a report came from, as a link may say (`?source=`). Only these channel names are kept:
# a free text could be a per-person link ("?source=rosa-farm-12") that names the reporter.
REPORT_SOURCES = frozenset(
    {
        "api",
        "compliance",
        "consulate",
        "demo",
        "pamphlet",
        "poster",
        "qr",
        "radio",
        "registry",
        "rights",
        "sms",
        "whatsapp",
        "workshop",
    }
)


def report_source(value: str) -> str:
    """The channel name if it is one we know, else nothing."""
    value = (value or "").strip().lower()
    return value if value in REPORT_SOURCES else ""


SUPPORT_STAFF_ROLES = frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.ADMIN})
ROUTING_MANAGER_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})
INSPECTOR_ROLES = frozenset({Role.INSPECTOR})
# Who approves a caseworker's request to close or transfer a case. An organisation where
# someone holds this role closes and transfers only with a supervisor's approval.
APPROVER_ROLES = frozenset({Role.SUPERVISOR})
