"""The fact ledger: coarse counts that every module records, and nothing about people.

A fact is a counter for one kind of event in one month and one combination of dimensions.
Counting into shared rows, rather than adding a row per event, keeps no trace of the order or
the moment in which events happened.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

DIMENSIONS = (
    "province",
    "program",
    "sector",
    "gender",
    "country_of_origin",
    "language",
    "category",
    "outcome",
    "organisation_id",
)


class Fact(models.Model):
    kind = models.CharField(_("kind"), max_length=80)
    month = models.DateField(_("month"), help_text=_("Always the first day of the month."))
    province = models.CharField(max_length=2, blank=True)
    program = models.CharField(max_length=20, blank=True)
    sector = models.CharField(max_length=30, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    country_of_origin = models.CharField(max_length=2, blank=True)
    language = models.CharField(max_length=8, blank=True)
    category = models.CharField(max_length=40, blank=True)
    outcome = models.CharField(max_length=40, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # All dimensions in one canonical string, so that uniqueness works the same on every
    # database (a NULL organisation would otherwise never collide).
    dimension_key = models.CharField(max_length=300)
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "month", "dimension_key"], name="fact_unique_cell"
            )
        ]
        indexes = [models.Index(fields=["kind", "month"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.month:%Y-%m} {self.dimension_key} = {self.count}"
