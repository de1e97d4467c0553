"""Vocabularies of the research app: the fixed list of variables a project may ask for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Variable(models.TextChoices):
    COUNTRY = "country", _("Country of origin")
    REGION = "region", _("Home region (state or department)")
    GENDER = "gender", _("Gender")
    AGE_BAND = "age_band", _("Age group during the season")
    PROVINCE = "province", _("Province of work")
    OCCUPATION_GROUP = "occupation_group", _("Occupation group (NOC 2021)")
    EMPLOYER_CHANGE = "employer_change", _("Employer changed since the last season")
    OCCUPATION_CHANGE = "occupation_change", _("Occupation changed since the last season")
    PROVINCE_CHANGE = "province_change", _("Province changed since the last season")
    SEASON_WEEKS = "season_weeks", _("Length of the season (weeks, grouped)")
    MARGINALISED_GROUP = "marginalised_group", _("Group the worker chose to be counted with")
    COURSES_COMPLETED = "courses_completed", _("Courses completed (grouped)")


# Generalised until every combination (with the season) is shared by at least K_MINIMUM rows.
QUASI_IDENTIFIERS = (
    Variable.COUNTRY,
    Variable.REGION,
    Variable.GENDER,
    Variable.AGE_BAND,
    Variable.PROVINCE,
    Variable.OCCUPATION_GROUP,
)
# Each class of the quasi-identifiers must hold at least L_MINIMUM different values of each.
SENSITIVE = (Variable.MARGINALISED_GROUP, Variable.COURSES_COMPLETED)


class ExtractStatus(models.TextChoices):
    WAITING = "waiting", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be made")
