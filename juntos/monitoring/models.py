"""The fact ledger: coarse counts that every module records, and nothing about people.

A fact is a counter for one kind of event in one month and one combination of dimensions.
Counting into shared rows, rather than adding a row per event, keeps no trace of the order or
the moment in which events happened.
"""

from __future__ import annotations

from django.conf import settings
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
    "marginalised_group",
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
    # The group a worker chose to be counted with (core.jurisdictions.MarginalisedGroup), or
    # blank. Last in the key, so that the cells recorded before it existed keep their keys
    # with "|marginalised_group=" added (migration 0007).
    marginalised_group = models.CharField(max_length=20, blank=True)
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
        # With the count in the index, PostgreSQL adds up a kind's months from the index alone.
        indexes = [
            models.Index(fields=["kind", "month"], include=["count"], name="fact_kind_month_count")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.month:%Y-%m} {self.dimension_key} = {self.count}"


class MonthTotal(models.Model):
    """A kind's total for a month over every combination of dimensions, kept with the facts.

    The dashboard reads a few dozen of these instead of adding up millions of cells.
    """

    kind = models.CharField(max_length=80)
    month = models.DateField()
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "month"], name="month_total_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.month:%Y-%m} = {self.count}"


class Indicator(models.Model):
    """One indicator of the logic model: counted from the ledger, or reported by organisations.

    A count adds up facts of `kind`. A ratio (with `denominator_kind`) is the published count of
    `kind` as a percentage of the published count of `denominator_kind`: both parts are
    suppressed and rounded before they are divided. A reported indicator adds up the values
    organisations entered and a coordinator approved.
    """

    class Level(models.TextChoices):
        IMPACT = "impact", _("Impact")
        OUTCOME = "outcome", _("Outcome")
        OUTPUT = "output", _("Output")
        ACTIVITY = "activity", _("Activity")

    slug = models.SlugField(_("slug"), unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)

    class Source(models.TextChoices):
        LEDGER = "ledger", _("Counted by the platform")
        REPORTED = "reported", _("Reported by organisations")

    kind = models.CharField(
        _("counted from"), max_length=80, help_text=_("The kind of fact in the ledger.")
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.LEDGER
    )
    denominator_kind = models.CharField(
        _("divided by"),
        max_length=80,
        blank=True,
        help_text=_("For a ratio: the kind of fact counted below the line."),
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

    @property
    def is_ratio(self) -> bool:
        return bool(self.denominator_kind)

    def title_in(self, language: str) -> tuple[str, bool]:
        """The title in the language, or in English with False when it is not translated."""
        text = getattr(self, f"title_{language}", "") or ""
        return (text, True) if text else (self.title_en, language == "en")


class Target(models.Model):
    """What the network aims for in one period (a calendar quarter or year).

    With a dimension and a value (gender = woman), the target is for that group only; the
    total's target is the row with neither.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.CharField(_("period"), max_length=7)
    dimension = models.CharField(_("group by"), max_length=30, blank=True)
    dimension_value = models.CharField(_("group"), max_length=40, blank=True)
    value = models.PositiveIntegerField(_("target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "dimension", "dimension_value"],
                name="target_one_per_period_and_group",
            )
        ]

    def __str__(self) -> str:
        group = f" {self.dimension}={self.dimension_value}" if self.dimension else ""
        return f"{self.indicator.slug} {self.period}{group} = {self.value}"


class ReportedValue(models.Model):
    """A figure an organisation reports for an indicator and a period; it counts once approved.

    A row without a dimension is the organisation's total; rows with one are its parts. A total
    may differ from the sum of its parts (people who did not say, say) when its note says why.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned to the organisation")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="reported_values"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(_("period"), max_length=7)
    dimension = models.CharField(_("group by"), max_length=30, blank=True)
    dimension_value = models.CharField(_("group"), max_length=40, blank=True)
    value = models.PositiveIntegerField(_("value"))
    note = models.TextField(_("note"), blank=True, max_length=1000)
    # The language the note was written in (the page's), so that pages in other languages
    # mark it as such.
    note_language = models.CharField(max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("reason"), blank=True, max_length=1000)
    entered_at = models.DateTimeField(auto_now=True)
    # "" for what the organisation's staff entered here; otherwise where an approved figure
    # came from ("funding.report:17", a grantee report's actuals), taken as approved there.
    source = models.CharField(_("from"), max_length=40, blank=True, default="")

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        ordering = ["period", "indicator__position", "organisation__name", "dimension"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "indicator",
                    "organisation",
                    "period",
                    "dimension",
                    "dimension_value",
                    "source",
                ],
                name="reported_value_one_per_cell_and_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.slug} {self.organisation_id} {self.period} = {self.value}"


class OpenDataFile(models.Model):
    """One open-data file as the nightly task generated it; the API serves the stored bytes."""

    name = models.CharField(max_length=200, unique=True)
    content = models.BinaryField()
    content_type = models.CharField(max_length=80)
    etag = models.CharField(max_length=80)
    generated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("open-data file")
        verbose_name_plural = _("open-data files")

    def __str__(self) -> str:
        return self.name
