"""The funding program: calls, applications with partners, reviews, awards, projects, reports.

Organisations live in the accounts app and are referenced by plain ids (`*_organisation_id`);
recommendations live in the network app and are referenced by id (read through its selectors).
Money is `Decimal` with two places, never a float.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from juntos.funding.choices import (
    CALL_TIME_ZONES,
    ApplicationStatus,
    BudgetCategory,
    CallStatus,
    Currency,
    PartnerStatus,
    ReportStatus,
    ReviewStatus,
)


class Call(models.Model):
    """A call for proposals, opened by the network's coordinator from adopted recommendations."""

    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    eligibility_en = models.TextField(_("eligibility (English)"), blank=True)
    eligibility_es = models.TextField(_("eligibility (Spanish)"), blank=True)
    eligibility_fr = models.TextField(_("eligibility (French)"), blank=True)
    amount = models.DecimalField(_("amount available"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    # Stored aware (UTC in the database); shown in `time_zone`, the zone it was set in.
    deadline = models.DateTimeField(_("deadline"))
    time_zone = models.CharField(_("time zone"), max_length=40, choices=CALL_TIME_ZONES)
    required_partners = models.PositiveSmallIntegerField(_("partners required"), default=1)
    reviews_needed = models.PositiveSmallIntegerField(
        _("reviews needed per application"), default=2
    )
    status = models.CharField(max_length=10, choices=CallStatus.choices, default=CallStatus.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="funding_calls_opened"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_call_amount_positive")
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_es or self.title_fr


class CallRecommendation(models.Model):
    """An adopted network recommendation the call takes up (network's id, read via selectors)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="recommendations")
    recommendation_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["call", "recommendation_id"], name="funding_call_recommendation_once"
            )
        ]

    def __str__(self) -> str:
        return f"call {self.call_id} ← recommendation {self.recommendation_id}"


class Criterion(models.Model):
    """One line of the call's rubric; the weights of a call total exactly 100."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.weight})"


class CategoryCap(models.Model):
    """The share of an application's total a budget category is expected to take.

    A category's allowance is `percent` of the application's total (in the call's currency).
    When a category's lines together exceed its allowance by more than 10%, each line of that
    category must carry a justification before the application can be submitted.
    """

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="category_caps")
    category = models.CharField(max_length=20, choices=BudgetCategory.choices)
    percent = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "category"], name="funding_cap_once"),
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100), name="funding_cap_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} ≤ {self.percent}%"


class CallIndicator(models.Model):
    """A logic-model indicator (monitoring's slug) that projects of this call report against."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="indicators")
    slug = models.SlugField(_("indicator"), max_length=80)
    title = models.CharField(_("indicator title"), max_length=200)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "slug"], name="funding_call_indicator_once")
        ]

    def __str__(self) -> str:
        return self.title


class Application(models.Model):
    """A lead organisation's proposal, written with partner organisations."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    lead_organisation_id = models.PositiveBigIntegerField(db_index=True)
    title = models.CharField(_("project title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=5000)
    # The language its title and summary are written in (pages mark them with it).
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    lead_share = models.DecimalField(
        _("lead organisation's share"), default=Decimal(0), max_digits=14, decimal_places=2
    )
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="funding_applications"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Partner(models.Model):
    """A partner organisation on an application; its own staff confirm it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    organisation_id = models.PositiveBigIntegerField(db_index=True)
    share = models.DecimalField(
        _("partner's share"), default=Decimal(0), max_digits=14, decimal_places=2
    )
    status = models.CharField(
        max_length=10, choices=PartnerStatus.choices, default=PartnerStatus.INVITED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organisation_id"], name="funding_partner_once"
            )
        ]

    def __str__(self) -> str:
        return f"partner {self.organisation_id} of application {self.application_id}"


class BudgetLine(models.Model):
    """One line of the budget; a line in another currency keeps the rate and its date."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    # Units of the call's currency for one unit of the line's currency; empty when the same.
    exchange_rate = models.DecimalField(
        _("exchange rate"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    rate_date = models.DateField(_("date of the rate"), null=True, blank=True)
    amount_in_call_currency = models.DecimalField(max_digits=14, decimal_places=2)
    justification = models.TextField(_("justification"), blank=True, max_length=2000)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_line_positive"),
            models.CheckConstraint(
                condition=Q(exchange_rate__isnull=True, rate_date__isnull=True)
                | Q(exchange_rate__gt=0, rate_date__isnull=False),
                name="funding_rate_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount} {self.currency}"


class ReviewerAssignment(models.Model):
    """A person the coordinator asked to review every application of one call."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reviewers")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="funding_assignments"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "reviewer"], name="funding_reviewer_once")
        ]

    def __str__(self) -> str:
        return f"reviewer {self.reviewer_id} of call {self.call_id}"


class Review(models.Model):
    """One reviewer and one application: the conflict declaration first, then the scores."""

    assignment = models.ForeignKey(
        ReviewerAssignment, on_delete=models.CASCADE, related_name="reviews"
    )
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DECLARING
    )
    conflict_note = models.TextField(_("the conflict"), blank=True, max_length=1000)
    comment = models.TextField(_("comment for the coordinator"), blank=True, max_length=3000)
    weighted_total = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "application"], name="funding_review_once"
            )
        ]

    def __str__(self) -> str:
        return f"review {self.pk} ({self.status})"


class Score(models.Model):
    """A reviewer's score (0–10) on one criterion."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="funding_score_once"),
            models.CheckConstraint(condition=Q(value__lte=10), name="funding_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class Project(models.Model):
    """What an award makes: the funded work, its milestones and its reporting schedule."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="project"
    )
    amount = models.DecimalField(_("amount awarded"), max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3, choices=Currency.choices)
    awarded_on = models.DateField()
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-awarded_on", "-id"]

    def __str__(self) -> str:
        return f"project of application {self.application_id}"


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Report(models.Model):
    """One quarterly report the grantee owes; its content is in versions."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.DUE)
    skip_reason = models.TextField(blank=True, max_length=1000)
    approved_version = models.ForeignKey(
        "ReportVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reminded_14 = models.BooleanField(default=False)
    reminded_3 = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"report {self.period_start} to {self.period_end}"


class ReportVersion(models.Model):
    """What the grantee filed; filing again adds a version, never overwrites one."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    narrative = models.TextField(_("what happened this quarter"), max_length=10000)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="funding_version_once")
        ]

    def __str__(self) -> str:
        return f"report {self.report_id} v{self.number}"


class IndicatorActual(models.Model):
    """A version's figure for one indicator: the total, or one group's part of it."""

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="actuals")
    indicator = models.ForeignKey(CallIndicator, on_delete=models.PROTECT, related_name="+")
    # "" for the total; "gender" or "group" for a part.
    dimension = models.CharField(max_length=10, blank=True)
    value_key = models.CharField(max_length=20, blank=True)
    value = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "indicator", "dimension", "value_key"],
                name="funding_actual_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.dimension}:{self.value_key} = {self.value}"
