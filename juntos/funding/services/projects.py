"""Awards, projects, milestones, quarterly reports, approvals, skips and reminders."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.accounts.selectors import people_with_role
from juntos.core.services import (
    ReportedFigure,
    audit_record,
    fact_record,
    notify_person,
    reported_figures_record,
)
from juntos.funding.choices import (
    REPORTED_GROUPS,
    ApplicationStatus,
    PartnerStatus,
    ReportStatus,
)
from juntos.funding.models import (
    Application,
    CallIndicator,
    IndicatorActual,
    Milestone,
    Partner,
    Project,
    Report,
    ReportVersion,
)
from juntos.funding.organisations import organisations_by_id
from juntos.funding.policies import (
    ORGANISATION_ROLES,
    can_edit_application,
)
from juntos.funding.services._common import (
    REPORT_GRACE_DAYS,
    _money,
    _person,
    _require_coordinator,
    _text,
)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, 1)


def quarterly_schedule(
    starts_on: dt.date, ends_on: dt.date
) -> list[tuple[dt.date, dt.date, dt.date]]:
    """(start, end, due) of each quarter from the start: due 30 days after each quarter ends."""
    periods = []
    start = starts_on
    while start <= ends_on:
        end = min(_add_months(start.replace(day=1), 3) - dt.timedelta(days=1), ends_on)
        periods.append((start, end, end + dt.timedelta(days=REPORT_GRACE_DAYS)))
        start = end + dt.timedelta(days=1)
    return periods


def award_make(
    *,
    actor: Actor | None,
    application: Application,
    amount: Decimal,
    starts_on: dt.date,
    ends_on: dt.date,
    milestones: list[tuple[str, dt.date]],
) -> Project:
    """The coordinator awards a submitted application: a project, milestones, quarterly reports."""
    _require_coordinator(actor)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be awarded."))
    _money(amount, field="amount")
    if amount > application.call.amount:
        raise ValidationError({"amount": _("The award is more than the call offers.")})
    if ends_on <= starts_on:
        raise ValidationError({"ends_on": _("The project must end after it starts.")})
    with transaction.atomic():
        project = Project.objects.create(
            application=application,
            amount=amount,
            currency=application.call.currency,
            awarded_on=timezone.localdate(),
            starts_on=starts_on,
            ends_on=ends_on,
        )
        Milestone.objects.bulk_create(
            Milestone(project=project, title=t.strip()[:200], due_on=d)
            for t, d in milestones
            if t.strip()
        )
        Report.objects.bulk_create(
            Report(project=project, period_start=s, period_end=e, due_on=d)
            for s, e, d in quarterly_schedule(starts_on, ends_on)
        )
        application.status = ApplicationStatus.AWARDED
        application.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="funding.award_make", target=project)
        lead = organisations_by_id([application.lead_organisation_id])[
            application.lead_organisation_id
        ]
        fact_record(kind="funding.award", province=lead.province, category=lead.kind)
        # Amounts as a counter of whole units of the call's currency (the ledger counts).
        whole = int(amount.to_integral_value(rounding=ROUND_HALF_EVEN))
        if whole > 0:
            fact_record(
                kind="funding.amount-awarded",
                count=whole,
                province=lead.province,
                category=application.call.currency,
            )
        _first_funding_record(project)
    return project


def _first_funding_record(project: Project) -> None:
    """Count the lead and each confirmed partner that no earlier award funded.

    Counted once per organisation, the first time, so that any month, quarter or year adds
    up to the organisations the program reached for the first time then, and all of them to
    the number ever funded.
    """
    application = project.application
    partners = set(
        application.partners.filter(status=PartnerStatus.CONFIRMED).values_list(
            "organisation_id", flat=True
        )
    )
    funded = {application.lead_organisation_id, *partners}
    before = set(
        Project.objects.exclude(pk=project.pk)
        .filter(application__lead_organisation_id__in=funded)
        .values_list("application__lead_organisation_id", flat=True)
    ) | set(
        Partner.objects.filter(
            organisation_id__in=funded,
            status=PartnerStatus.CONFIRMED,
            application__project__isnull=False,
        )
        .exclude(application=application)
        .values_list("organisation_id", flat=True)
    )
    for organisation in organisations_by_id(funded - before).values():
        fact_record(
            kind="funding.organisation-funded",
            province=organisation.province,
            category=organisation.kind,
        )


def _actuals_check(indicators: list[CallIndicator], actuals: dict[int, dict[str, int]]) -> None:
    """Each indicator has a total; its gender parts add up to it; no group exceeds it."""
    errors = []
    for indicator in indicators:
        figures = actuals.get(indicator.pk, {})
        total = figures.get("total")
        if total is None:
            errors.append(_("Give a total for “%(title)s”.") % {"title": indicator.title})
            continue
        genders = sum(v for k, v in figures.items() if k.startswith("gender:"))
        if genders != total:
            errors.append(
                _(
                    "“%(title)s”: the gender figures add up to %(parts)s, not the total %(total)s "
                    "(use “prefers not to say” for people who did not say)."
                )
                % {"title": indicator.title, "parts": genders, "total": total}
            )
        if any(v > total for k, v in figures.items() if k.startswith("group:")):
            errors.append(
                _("“%(title)s”: a group cannot be larger than the total.")
                % {"title": indicator.title}
            )
    if errors:
        raise ValidationError({"actuals": errors})


def report_file(
    *, actor: Actor, report: Report, narrative: str, actuals: dict[int, dict[str, int]]
) -> ReportVersion:
    """The grantee files a report (a new version each time); it waits for the coordinator.

    `actuals` maps each indicator id to {"total": n, "gender:woman": n, "group:indigenous": n}.
    """
    project = report.project
    if not can_edit_application(actor, project.application.lead_organisation_id):
        raise PermissionDenied
    if report.status in (ReportStatus.APPROVED, ReportStatus.SKIPPED):
        raise ValidationError(_("This report is closed."))
    narrative = _text(narrative, field="narrative", limit=10000)
    indicators = list(project.application.call.indicators.all())
    _actuals_check(indicators, actuals)
    allowed = {
        "total",
        *(f"gender:{g}" for g in GENDER_KEYS),
        *(f"group:{g.value}" for g in REPORTED_GROUPS),
    }
    with transaction.atomic():
        number = report.versions.count() + 1
        version = ReportVersion.objects.create(
            report=report, number=number, narrative=narrative, filed_by=_person(actor)
        )
        IndicatorActual.objects.bulk_create(
            IndicatorActual(
                version=version,
                indicator_id=indicator_id,
                dimension="" if key == "total" else key.split(":")[0],
                value_key="" if key == "total" else key.split(":")[1],
                value=value,
            )
            for indicator_id, figures in actuals.items()
            for key, value in figures.items()
            if key in allowed and indicator_id in {i.pk for i in indicators}
        )
        report.status = ReportStatus.SUBMITTED
        report.save(update_fields=["status"])
        audit_record(actor=actor, action="funding.report_file", target=version)
    return version


def report_approve(*, actor: Actor | None, report: Report) -> Report:
    """The coordinator approves the latest version; only then is anything of it public."""
    _require_coordinator(actor)
    latest = report.versions.order_by("-number").first()
    if report.status != ReportStatus.SUBMITTED or latest is None:
        raise ValidationError(_("There is no filed version waiting for approval."))
    with transaction.atomic():
        report.status = ReportStatus.APPROVED
        report.approved_version = latest
        report.save(update_fields=["status", "approved_version"])
        taken = reported_figures_record(
            actor=actor,
            source=f"funding.report:{report.pk}",
            organisation_id=report.project.application.lead_organisation_id,
            period_start=report.period_start,
            figures=_figures_of(latest),
        )
        audit_record(
            actor=actor,
            action="funding.report_approve",
            target=report,
            details={"version": latest.number, "figures_counted": taken},
        )
    return report


# A report's parts as the logic model names its dimensions.
LEDGER_DIMENSIONS = {"gender": "gender", "group": "marginalised_group"}


def _figures_of(version: ReportVersion) -> list[ReportedFigure]:
    """The version's actuals, for the logic model's indicators the call links (by slug)."""
    return [
        ReportedFigure(
            indicator=actual.indicator.slug,
            dimension=LEDGER_DIMENSIONS.get(actual.dimension, "") if actual.dimension else "",
            value_key=actual.value_key,
            value=actual.value,
        )
        for actual in version.actuals.select_related("indicator")
        if not actual.dimension or actual.dimension in LEDGER_DIMENSIONS
    ]


def report_skip(*, actor: Actor | None, report: Report, reason: str) -> Report:
    """The coordinator lets a report be skipped, saying why (audited)."""
    _require_coordinator(actor)
    if report.status == ReportStatus.APPROVED:
        raise ValidationError(_("An approved report cannot be skipped."))
    reason = _text(reason, field="reason", limit=1000)
    with transaction.atomic():
        report.status = ReportStatus.SKIPPED
        report.skip_reason = reason
        report.save(update_fields=["status", "skip_reason"])
        audit_record(
            actor=actor, action="funding.report_skip", target=report, details={"reason": reason}
        )
    return report


def report_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind the grantee's staff 14 and 3 days before a report is due, each in her language."""
    today = today or timezone.localdate()
    sent = 0
    due = Report.objects.filter(
        status=ReportStatus.DUE, due_on__gte=today, due_on__lte=today + dt.timedelta(days=14)
    ).select_related("project__application")
    for report in due:
        left = (report.due_on - today).days
        flag = "reminded_3" if left <= 3 else "reminded_14"
        if getattr(report, flag):
            continue
        with transaction.atomic():
            Report.objects.filter(pk=report.pk).update(**{flag: True})
            sent += _remind(report, left)
    return sent


def _remind(report: Report, days: int) -> int:
    application = report.project.application
    link = reverse("funding:project", kwargs={"project_id": report.project_id})
    told = 0
    for person in people_with_role(application.lead_organisation_id, ORGANISATION_ROLES):
        told += notify_person(
            person,
            lambda: (
                _("A grantee report is due in %(days)s days") % {"days": days},
                _("The report for “%(title)s” (%(start)s to %(end)s) is due on %(due)s: %(link)s")
                % {
                    "title": application.title,
                    "start": report.period_start,
                    "end": report.period_end,
                    "due": report.due_on,
                    "link": link,
                },
            ),
        )
    return told


GENDER_KEYS = ("woman", "man", "non-binary", "undisclosed")
