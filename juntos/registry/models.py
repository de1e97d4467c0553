"""Employers, their sites, recruiters, licences, official records and worker reviews."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from juntos.core.jurisdictions import Program, Province
from juntos.registry.choices import (
    ImportKind,
    LicenceStatus,
    ModerationRule,
    Rating,
    ReplyRule,
    ReviewStatus,
    YesNo,
)
from juntos.registry.official_terms import (
    Shown,
    shown_conditions,
    shown_penalty,
    shown_reasons,
    shown_status,
)


class Employer(models.Model):
    """A business that hires temporary foreign workers, under its legal and operating names."""

    legal_name = models.CharField(_("legal name"), max_length=200)
    operating_name = models.CharField(_("operating name"), max_length=200, blank=True)
    slug = models.SlugField(max_length=220, unique=True)
    programs = models.JSONField(_("programs it hires through"), default=list, blank=True)
    # The accounts organisation that speaks for this employer (a plain id: no cross-app FK).
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    search_key = models.CharField(max_length=1000, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")

    def __str__(self) -> str:
        return self.operating_name or self.legal_name

    @property
    def display_name(self) -> str:
        return self.operating_name or self.legal_name

    @property
    def program_labels(self) -> list[str]:
        return [str(Program(code).label) for code in self.programs if code in Program.values]


class EmployerSite(models.Model):
    """A farm, greenhouse or plant where workers are employed; reviews are about a site."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(_("site name"), max_length=200)
    city = models.CharField(_("town or city"), max_length=120, blank=True)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    search_key = models.CharField(max_length=1000, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer site")
        verbose_name_plural = _("employer sites")

    def __str__(self) -> str:
        return f"{self.employer} · {self.name}"


class Recruiter(models.Model):
    """A person or agency that recruits workers; licensed province by province."""

    name = models.CharField(_("name"), max_length=200)
    business_name = models.CharField(_("business name"), max_length=200, blank=True)
    slug = models.SlugField(max_length=220, unique=True)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    search_key = models.CharField(max_length=1000, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("recruiter")
        verbose_name_plural = _("recruiters")

    def __str__(self) -> str:
        return self.name


class RegistryImport(models.Model):
    """One import of an official list: what, from where, as published on which date."""

    kind = models.CharField(_("list"), max_length=20, choices=ImportKind.choices)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    source = models.CharField(_("source"), max_length=500)
    source_date = models.DateField(_("published on"))
    filename = models.CharField(max_length=255)
    # A sample file shipped with Juntos (the demo), not a list anyone published.
    sample = models.BooleanField(default=False)
    row_count = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("official list import")
        verbose_name_plural = _("official list imports")

    def __str__(self) -> str:
        return f"{self.kind} {self.province} {self.source_date}"

    @property
    def source_label(self) -> str:
        """Where the list comes from, as the page says it: a sample says so in every language;
        a real list's publisher and address are shown as they were given at import."""
        if self.sample:
            return gettext("Sample data shipped with Juntos (%(file)s), not an official list") % {
                "file": self.filename
            }
        return self.source


class RecruiterLicence(models.Model):
    """A licence or registration held by a recruiter in one province."""

    recruiter = models.ForeignKey(Recruiter, on_delete=models.CASCADE, related_name="licences")
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    number = models.CharField(_("licence number"), max_length=60)
    status = models.CharField(_("status"), max_length=20, choices=LicenceStatus.choices)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    source_import = models.ForeignKey(
        RegistryImport, on_delete=models.PROTECT, null=True, blank=True, related_name="licences"
    )

    class Meta:
        ordering = ["province", "number"]
        verbose_name = _("recruiter licence")
        verbose_name_plural = _("recruiter licences")
        constraints = [
            models.UniqueConstraint(fields=["province", "number"], name="licence_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.number}"

    def in_good_standing_on(self, day: dt.date) -> bool:
        """Listed as licensed and not past its expiry date on that day."""
        expired = self.expires_on is not None and self.expires_on < day
        return self.status == LicenceStatus.ACTIVE and not expired

    @property
    def in_good_standing(self) -> bool:
        return self.in_good_standing_on(timezone.localdate())

    @property
    def shown_conditions(self) -> Shown:
        return shown_conditions(self.conditions)

    @property
    def past_expiry(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()


class NonComplianceRecord(models.Model):
    """An entry of the federal public list of employers found non-compliant."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="noncompliance_records"
    )
    listed_name = models.CharField(_("name as listed"), max_length=400)
    address = models.CharField(_("address"), max_length=400, blank=True)
    reasons = models.TextField(_("reasons"))
    decision_date = models.DateField(_("date of final decision"))
    penalty = models.CharField(_("penalty"), max_length=300)
    status = models.CharField(_("status"), max_length=120, blank=True)
    record_key = models.CharField(max_length=64, unique=True)
    source_import = models.ForeignKey(
        RegistryImport, on_delete=models.PROTECT, related_name="noncompliance_records"
    )

    class Meta:
        ordering = ["-decision_date"]
        verbose_name = _("non-compliance record")
        verbose_name_plural = _("non-compliance records")

    def __str__(self) -> str:
        return f"{self.listed_name} {self.decision_date}"

    @property
    def shown_reasons(self) -> list[Shown]:
        return shown_reasons(self.reasons)

    @property
    def shown_penalty(self) -> Shown:
        return shown_penalty(self.penalty)

    @property
    def shown_status(self) -> Shown:
        return shown_status(self.status)


class ModeratedReview(models.Model):
    """What every worker review holds, whatever it is about: no account id, only a keyed hash.

    The hash lets the database refuse a second review by the same worker of the same subject in
    the same season, while nobody reading the table (moderators included) can tell who wrote it.
    Each concrete review names its own constraints: constraint names are unique per database.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reviewer_key = models.CharField(max_length=64, editable=False)
    season = models.PositiveSmallIntegerField(_("season"))
    text = models.TextField(_("in your own words"), blank=True, max_length=2000)
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    rejected_rule = models.CharField(max_length=30, blank=True)
    # The rule a passage broke when a moderator published the review without that passage.
    redacted_rule = models.CharField(max_length=30, blank=True)
    # Dates only: the day is coarse enough not to point at one worker's shift or departure.
    submitted_on = models.DateField()
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-season", "-submitted_on"]

    @property
    def rejected_rule_label(self) -> str:
        return str(ModerationRule(self.rejected_rule).label) if self.rejected_rule else ""

    @property
    def redacted_rule_label(self) -> str:
        return str(ModerationRule(self.redacted_rule).label) if self.redacted_rule else ""


class Review(ModeratedReview):
    """A worker's review of one site; one per worker, employer and season."""

    site = models.ForeignKey(EmployerSite, on_delete=models.CASCADE, related_name="reviews")
    # Copied from the site so that the one-per-employer-per-season rule is a database constraint.
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="reviews")
    fee_charged = models.CharField(
        _("were you charged a fee to get this job?"), max_length=10, choices=YesNo.choices
    )
    contract_matched = models.PositiveSmallIntegerField(
        _("the contract matched the real job"), choices=Rating.choices
    )
    paid_on_time = models.PositiveSmallIntegerField(
        _("pay came on time and in full"), choices=Rating.choices
    )
    housing = models.PositiveSmallIntegerField(
        _("housing"), choices=Rating.choices, null=True, blank=True
    )
    respect_safety = models.PositiveSmallIntegerField(
        _("respect and safety"), choices=Rating.choices
    )

    class Meta(ModeratedReview.Meta):
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "reviewer_key", "season"],
                name="review_one_per_worker_employer_season",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(status=ReviewStatus.APPROVED),
                name="review_published_only_if_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"review {self.pk}"


class ReviewReply(models.Model):
    """The employer's public answer to one published review, shown once a moderator approves it.

    A review has at most one reply that is pending or approved; a rejected reply stays on record
    (the employer sees which rule it broke) and leaves room for a new one.
    """

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("your public reply"), max_length=2000)
    replied_on = models.DateField()
    # Moderated like reviews (same three states); a rejection cites one of the reply rules.
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    rejected_rule = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("employer reply")
        verbose_name_plural = _("employer replies")
        constraints = [
            models.UniqueConstraint(
                fields=["review"],
                condition=~Q(status=ReviewStatus.REJECTED),
                name="reply_one_standing_per_review",
            ),
        ]

    def __str__(self) -> str:
        return f"reply to {self.review_id}"

    @property
    def rejected_rule_label(self) -> str:
        return str(ReplyRule(self.rejected_rule).label) if self.rejected_rule else ""


class RecruiterReview(ModeratedReview):
    """A worker's review of a recruiter or agency; one per worker, recruiter and season."""

    recruiter = models.ForeignKey(Recruiter, on_delete=models.CASCADE, related_name="reviews")
    fee_charged = models.CharField(
        _("did the recruiter ask you to pay a fee?"), max_length=10, choices=YesNo.choices
    )
    promise_kept = models.PositiveSmallIntegerField(
        _("the job was what the recruiter promised"), choices=Rating.choices
    )
    explained_clearly = models.PositiveSmallIntegerField(
        _("the recruiter explained the contract clearly"), choices=Rating.choices
    )
    respect = models.PositiveSmallIntegerField(_("respect"), choices=Rating.choices)

    class Meta(ModeratedReview.Meta):
        verbose_name = _("recruiter review")
        verbose_name_plural = _("recruiter reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["recruiter", "reviewer_key", "season"],
                name="recruiter_review_one_per_worker_season",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(status=ReviewStatus.APPROVED),
                name="recruiter_review_published_only_if_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"recruiter review {self.pk}"
