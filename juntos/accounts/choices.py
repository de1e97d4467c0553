"""Vocabularies of people and organisations; other apps import them from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS (text message)")
    WHATSAPP = "whatsapp", _("WhatsApp")


class Sector(models.TextChoices):
    MIGRANT_WORKER = "migrant-worker", _("Migrant worker")
    EMPLOYER = "employer", _("Employer")
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil-society", _("Civil society")
    LABOUR = "labour", _("Labour")
    ACADEMIC = "academic", _("Academic")
    INDUSTRY = "industry", _("Industry")


class OrganisationKind(models.TextChoices):
    SUPPORT_NONPROFIT = "support-nonprofit", _("Support non-profit")
    EMPLOYER = "employer", _("Employer")
    RECRUITER = "recruiter", _("Recruiter")
    GOVERNMENT_AGENCY = "government-agency", _("Government agency")
    CONSULATE = "consulate", _("Consulate")
    NETWORK_SECRETARIAT = "network-secretariat", _("Network secretariat")
    TRAINING_PROVIDER = "training-provider", _("Training provider")
    MICROFINANCE = "microfinance", _("Microfinance institution")


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    CASEWORKER = "caseworker", _("Caseworker")
    SUPERVISOR = "supervisor", _("Supervisor")
    COORDINATOR = "coordinator", _("Coordinator")
    INSPECTOR = "inspector", _("Inspector")
    ADMIN = "admin", _("Administrator")


# Roles that open other people's data; holding one requires a second factor at login.
STAFF_ROLES = frozenset(
    {Role.CASEWORKER, Role.SUPERVISOR, Role.COORDINATOR, Role.INSPECTOR, Role.ADMIN}
)
# Organisations whose every member opens other people's data, whatever the role: a consulate's
# liaisons read sealed evaluations and the workers referred home. Membership of one requires a
# second factor at login too.
SECOND_FACTOR_KINDS = frozenset({OrganisationKind.CONSULATE})
