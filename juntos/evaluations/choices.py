"""Kinds of end-of-season evaluation and the answers their forms offer."""

from __future__ import annotations

from typing import TypeAlias

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationKind(models.TextChoices):
    EMPLOYER_OF_WORKER = "employer-of-worker", _("The employer's evaluation of the worker")
    WORKER_OF_EMPLOYER = "worker-of-employer", _("The worker's evaluation of the employer")
    WORKER_OF_HOUSING = "worker-of-housing", _("The worker's evaluation of the housing")


WORKER_KINDS = (EvaluationKind.WORKER_OF_EMPLOYER, EvaluationKind.WORKER_OF_HOUSING)


class Rating(models.IntegerChoices):
    EXCELLENT = 5, _("Excellent")
    GOOD = 4, _("Good")
    FAIR = 3, _("Fair")
    POOR = 2, _("Poor")
    VERY_POOR = 1, _("Very poor")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


# A form's answers as JSON values: text (dates as ISO text), numbers, yes/no, or none given.
Answers: TypeAlias = dict[str, str | int | bool | None]
