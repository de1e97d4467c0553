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


class Indicator(models.Model):
    """One indicator of the logic model, counted from a kind of fact in the ledger."""

    class Level(models.TextChoices):
        IMPACT = "impact", _("Impact")
        OUTCOME = "outcome", _("Outcome")
        OUTPUT = "output", _("Output")
        ACTIVITY = "activity", _("Activity")

    slug = models.SlugField(_("slug"), unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    kind = models.CharField(
        _("counted from"), max_length=80, help_text=_("The kind of fact in the ledger.")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    baseline = models.PositiveIntegerField(_("baseline"), null=True, blank=True)
    baseline_period = models.CharField(_("baseline period"), max_length=7, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    public = models.BooleanField(_("on the public dashboard"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.slug

    def title_in(self, language: str) -> tuple[str, bool]:
        """The title in the language, or in English with False when it is not translated."""
        text = getattr(self, f"title_{language}", "") or ""
        return (text, True) if text else (self.title_en, language == "en")


class Target(models.Model):
    """What the network aims for in one period (a calendar quarter or year)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(_("period"), max_length=7)
    value = models.PositiveIntegerField(_("target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="target_one_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.slug} {self.period} = {self.value}"
