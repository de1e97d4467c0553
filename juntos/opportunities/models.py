"""Vacancies and matching, named-worker requests, reintegration referrals and technical visits.

Organisations are referenced by plain ids (`*_organisation_id`), never by foreign key, so this
app depends on accounts only through its public modules.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from juntos.core.jurisdictions import Program, Province
from juntos.opportunities.choices import (
    ApplicationStatus,
    Housing,
    NamedStatus,
    ReferralOutcome,
    ReferralStatus,
    ReferralType,
    VacancyStatus,
    Vetting,
    VisitStatus,
)

USER = settings.AUTH_USER_MODEL


class Vacancy(models.Model):
    """A job an employer offers, posted by the employer or a licensed recruiter for it."""

    employer_organisation_id = models.PositiveBigIntegerField(db_index=True)
    posted_by_organisation_id = models.PositiveBigIntegerField()
    title = models.CharField(_("job title"), max_length=150)
    occupation = models.CharField(_("occupation (NOC 2021 code)"), max_length=5, db_index=True)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    program = models.CharField(_("program"), max_length=20, choices=Program.choices)
    starts_on = models.DateField(_("first day of work"))
    ends_on = models.DateField(_("last day of work"))
    hours_per_week = models.DecimalField(_("hours a week"), max_digits=5, decimal_places=1)
    hourly_wage = models.DecimalField(_("hourly wage (CAD)"), max_digits=9, decimal_places=2)
    housing = models.CharField(_("housing"), max_length=10, choices=Housing.choices)
    deductions = models.JSONField(_("deductions"), default=dict, blank=True)
    recruitment_fee = models.DecimalField(
        _("fee charged to the worker (CAD)"), default=0, max_digits=9, decimal_places=2
    )
    skills = models.JSONField(_("skills wanted"), default=list, blank=True)
    languages = models.JSONField(_("languages wanted"), default=list, blank=True)
    description = models.TextField(_("about the job"), max_length=3000, blank=True)
    status = models.CharField(max_length=12, choices=VacancyStatus.choices, default="draft")
    check_outcome = models.CharField(max_length=20, blank=True)
    check_findings = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [models.Index(fields=["status", "occupation", "province"])]

    def __str__(self) -> str:
        return self.title


class FindableWorker(models.Model):
    """A worker's own choice to be found for vacancies, with her availability. Deleted when she
    withdraws it: nothing of it stays."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="findable")
    consented_at = models.DateTimeField()
    consent_text = models.CharField(max_length=300)
    available_from = models.DateField(_("available from"))
    available_to = models.DateField(_("available until"))
    provinces = models.JSONField(_("provinces you would work in"), default=list, blank=True)
    returning_pool = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("worker open to offers")

    def __str__(self) -> str:
        return f"findable {self.user_id}"


class Application(models.Model):
    """A worker's application to a vacancy (or her acceptance of the employer's invitation)."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="applications")
    worker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="job_applications")
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "worker"], name="opportunities_apply_once")
        ]

    def __str__(self) -> str:
        return f"application {self.pk}"


class SeasonEngagement(models.Model):
    """A season a worker worked for an employer, and whether she completed it in good standing
    (recorded by her country's liaison from the end-of-season evaluation)."""

    worker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="engagements")
    employer_organisation_id = models.PositiveBigIntegerField(db_index=True)
    liaison_organisation_id = models.PositiveBigIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField()
    program = models.CharField(max_length=20, choices=Program.choices)
    province = models.CharField(max_length=2, choices=Province.choices)
    good_season = models.BooleanField(default=False)
    # The day the not-named-back job looked at this season after the naming deadline, and the
    # day it offered her the pool (only when she was not named).
    naming_checked_on = models.DateField(null=True, blank=True)
    not_named_offered_on = models.DateField(null=True, blank=True)
    pool_joined_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "employer_organisation_id", "year"],
                name="opportunities_engagement_once",
            )
        ]

    def __str__(self) -> str:
        return f"season {self.year} {self.pk}"


class NamedRequest(models.Model):
    """An employer's request to have a named worker back next season."""

    employer_organisation_id = models.PositiveBigIntegerField(db_index=True)
    liaison_organisation_id = models.PositiveBigIntegerField(db_index=True)
    worker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="named_requests")
    season_year = models.PositiveSmallIntegerField(_("season"))
    program = models.CharField(_("program"), max_length=20, choices=Program.choices)
    starts_on = models.DateField(_("planned first day"))
    status = models.CharField(max_length=16, choices=NamedStatus.choices)
    permit_in_process = models.BooleanField(default=False)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-season_year", "id"]

    def __str__(self) -> str:
        return f"named request {self.pk}"


class Referral(models.Model):
    """A caseworker's referral of a returning worker to an organisation at home, with her
    recorded consent and only the fields she ticked."""

    worker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="referrals_home")
    referring_organisation_id = models.PositiveBigIntegerField(db_index=True)
    home_organisation_id = models.PositiveBigIntegerField(db_index=True)
    kind = models.CharField(_("kind of referral"), max_length=12, choices=ReferralType.choices)
    status = models.CharField(max_length=12, choices=ReferralStatus.choices, default="sent")
    outcome = models.CharField(max_length=20, choices=ReferralOutcome.choices, blank=True)
    consented_at = models.DateTimeField()
    shared_fields = models.JSONField(default=list)
    shared_values = models.JSONField(default=dict)
    note = models.CharField(_("note for the organisation"), max_length=500, blank=True)
    sent_on = models.DateField()
    outcome_on = models.DateField(null=True, blank=True)
    # Coarse dimensions kept for the facts (her profile may change or be deleted later).
    gender = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, blank=True)

    class Meta:
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"referral {self.pk}"


class ReferralFollowUp(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="follow_ups")
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField(db_index=True)
    reminded_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    note = models.CharField(_("what you learned"), max_length=500, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"follow-up {self.months} months"


class VolunteerOffer(models.Model):
    """A volunteer's offer of expertise for short visits; vetting is a status, a date and who
    checked, never documents."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="volunteer_offer")
    expertise = models.JSONField(_("your expertise"), default=list)
    languages = models.JSONField(_("languages you speak"), default=list)
    available_from = models.DateField(_("available from"))
    available_to = models.DateField(_("available until"))
    vetting = models.CharField(max_length=12, choices=Vetting.choices, default=Vetting.PENDING)
    vetted_on = models.DateField(null=True, blank=True)
    vetted_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"volunteer {self.user_id}"


class VisitRequest(models.Model):
    """A community organisation's request for a short technical visit, and its report."""

    organisation_id = models.PositiveBigIntegerField(db_index=True)
    title = models.CharField(_("what the visit is for"), max_length=150)
    expertise = models.JSONField(_("expertise needed"), default=list)
    language = models.CharField(_("language of the visit"), max_length=8)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(max_length=10, choices=VisitStatus.choices, default=VisitStatus.OPEN)
    volunteer = models.ForeignKey(
        VolunteerOffer, on_delete=models.SET_NULL, null=True, blank=True, related_name="visits"
    )
    outputs = models.TextField(_("what the visit produced"), blank=True, max_length=3000)
    people_trained = models.PositiveIntegerField(_("people trained"), default=0)
    reported_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return self.title
