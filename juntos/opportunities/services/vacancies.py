"""Vacancies: draft, the publishing gate (registry and contract checker), coordinator review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor
from juntos.compliance.choices import Audience, DocumentKind, Severity
from juntos.compliance.services import check_document
from juntos.core.services import Text, audit_record, notify_person
from juntos.opportunities.choices import ApplicationStatus, VacancyStatus
from juntos.opportunities.models import Application, Vacancy
from juntos.opportunities.noc import occupation
from juntos.opportunities.policies import (
    can_manage_vacancy,
    can_review_vacancies,
    employer_organisations_of,
    recruiter_organisations_of,
)
from juntos.opportunities.services._common import refuse_unless, tell_coordinators
from juntos.registry.selectors import licence_of_organisation, noncompliance_of_organisation

__all__ = [
    "VacancyFacts",
    "vacancy_close",
    "vacancy_create",
    "vacancy_publish",
    "vacancy_review",
    "vacancy_update",
]

UNKNOWN_CODE = _("%(code)s is not an occupation code we know. Enter a NOC 2021 code from the list.")
NONCOMPLIANT_TITLE = _("The employer is on the government's list of non-compliant employers")
DATES_ORDER = _("The last day must be on or after the first day.")


@dataclass(frozen=True)
class VacancyFacts:
    """What a vacancy says, typed (the form and the API both build one)."""

    title: str
    occupation: str
    province: str
    program: str
    starts_on: dt.date
    ends_on: dt.date
    hours_per_week: Decimal
    hourly_wage: Decimal
    housing: str
    deductions: dict[str, Decimal]
    recruitment_fee: Decimal = Decimal(0)
    skills: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    description: str = ""


def _check_facts(facts: VacancyFacts) -> None:
    errors: dict[str, list[object]] = {}
    if occupation(facts.occupation) is None:
        errors["occupation"] = [UNKNOWN_CODE % {"code": facts.occupation[:10]}]
    if facts.ends_on < facts.starts_on:
        errors["ends_on"] = [DATES_ORDER]
    if not Decimal(0) < facts.hours_per_week <= Decimal(84):
        errors["hours_per_week"] = [_("Enter the hours of a week, between 1 and 84.")]
    if facts.hourly_wage <= 0:
        errors["hourly_wage"] = [_("Enter the hourly wage, more than zero.")]
    if errors:
        raise ValidationError(errors)


def _stored(facts: VacancyFacts) -> dict[str, object]:
    """The model's fields for what the vacancy says, trimmed as they are stored."""
    return {
        "title": facts.title.strip()[:150],
        "occupation": facts.occupation.strip(),
        "province": facts.province,
        "program": facts.program,
        "starts_on": facts.starts_on,
        "ends_on": facts.ends_on,
        "hours_per_week": facts.hours_per_week,
        "hourly_wage": facts.hourly_wage,
        "housing": facts.housing,
        "deductions": {k: str(v) for k, v in facts.deductions.items() if v},
        "recruitment_fee": facts.recruitment_fee,
        "skills": [s.strip()[:60] for s in facts.skills if s.strip()][:12],
        "languages": list(facts.languages)[:6],
        "description": facts.description.strip()[:3000],
    }


@transaction.atomic
def vacancy_create(*, actor: Actor, employer_organisation_id: int, facts: VacancyFacts) -> Vacancy:
    """A draft vacancy for an employer, by one of its people or by a recruiter for it."""
    employers = employer_organisations_of(actor)
    recruiters = recruiter_organisations_of(actor)
    refuse_unless(employer_organisation_id in employers or bool(recruiters))
    _check_facts(facts)
    posted_by = (
        employer_organisation_id if employer_organisation_id in employers else min(recruiters)
    )
    vacancy = Vacancy.objects.create(
        employer_organisation_id=employer_organisation_id,
        posted_by_organisation_id=posted_by,
        **_stored(facts),
    )
    audit_record(
        actor=actor,
        action="opportunities.vacancy_created",
        target=vacancy,
        organisation_id=employer_organisation_id,
    )
    return vacancy


def _offer_facts(vacancy: Vacancy) -> dict[str, object]:
    fee = vacancy.recruitment_fee or Decimal(0)
    return {
        "province": vacancy.province,
        "program": vacancy.program,
        "start_date": vacancy.starts_on.isoformat(),
        "end_date": vacancy.ends_on.isoformat(),
        "hourly_rate": str(vacancy.hourly_wage),
        "guaranteed_weekly_hours": str(vacancy.hours_per_week),
        "deductions": dict(vacancy.deductions),
        "recruiter_used": vacancy.posted_by_organisation_id != vacancy.employer_organisation_id
        or fee > 0,
        "recruiter_fees": str(fee),
        "signed_on": vacancy.starts_on.isoformat(),
    }


def _gate_registry(vacancy: Vacancy) -> list[dict[str, str]]:
    """Findings of the registry: a recruiter's licence, the non-compliant list."""
    found = []
    if vacancy.posted_by_organisation_id != vacancy.employer_organisation_id:
        licence = licence_of_organisation(
            vacancy.posted_by_organisation_id, province=vacancy.province
        )
        if licence is None or not licence.in_good_standing:
            raise ValidationError(
                {
                    "province": [
                        _(
                            "Your organisation holds no licence in good standing in this "
                            "province, so it cannot post vacancies here."
                        )
                    ]
                }
            )
    listed = noncompliance_of_organisation(vacancy.employer_organisation_id)
    if listed is not None:
        # Ineligible (a ban, or an unpaid penalty) blocks; an employer listed but still
        # eligible (a warning, a paid penalty) goes to a coordinator with the record.
        found.append(
            {
                "rule_id": "REGISTRY-NONCOMPLIANT",
                "severity": Severity.VIOLATION if listed.ineligible else Severity.ASK,
                "title": str(NONCOMPLIANT_TITLE),
                "summary": str(
                    _("Listed as %(name)s, decision of %(day)s, status: %(status)s.")
                    % {
                        "name": listed.listed_name,
                        "day": listed.decision_date.isoformat(),
                        "status": listed.status or "?",
                    }
                ),
                "source_url": listed.source,
                "certainty": "confirmed",
            }
        )
    return found


def _finding_rows(vacancy: Vacancy, language: str) -> list[dict[str, str]]:
    result = check_document(
        kind=DocumentKind.JOB_OFFER,
        facts=_offer_facts(vacancy),
        language=language,
        audience=Audience.EMPLOYER,
        record_facts=False,
    )
    keep = (Severity.VIOLATION, Severity.NOT_COVERED, Severity.ASK)
    return [
        {
            "rule_id": f.rule_id,
            "severity": f.severity,
            "title": f.title,
            "summary": f.summary,
            "source_url": f.source_url,
            "certainty": f.certainty,
        }
        for f in result.findings
        if f.severity in keep
    ]


def _status_for(findings: list[dict[str, str]]) -> str:
    """A violation blocks. A date or place no rule covers, or a rule not yet confirmed, goes
    to a coordinator: "no rule known" is never "clear", and blocking it outright would refuse
    a lawful job on the checker's gap."""
    severities = {f["severity"] for f in findings}
    if Severity.VIOLATION in severities:
        return VacancyStatus.BLOCKED
    if severities & {Severity.NOT_COVERED, Severity.ASK}:
        return VacancyStatus.REVIEW
    return VacancyStatus.PUBLISHED


@transaction.atomic
def vacancy_publish(*, actor: Actor, vacancy: Vacancy, language: str = "en") -> Vacancy:
    """Put a draft through the gate: published, blocked with its reasons, or sent for review."""
    refuse_unless(can_manage_vacancy(actor, vacancy))
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status == VacancyStatus.PUBLISHED:
        return vacancy
    registry = _gate_registry(vacancy)
    findings = registry + _finding_rows(vacancy, language)
    vacancy.status = _status_for(findings)
    vacancy.check_outcome = vacancy.status
    vacancy.check_findings = findings
    if vacancy.status == VacancyStatus.PUBLISHED:
        vacancy.published_on = timezone.localdate()
    vacancy.save(update_fields=["status", "check_outcome", "check_findings", "published_on"])
    audit_record(
        actor=actor,
        action="opportunities.vacancy_checked",
        target=vacancy,
        organisation_id=vacancy.employer_organisation_id,
        details={"status": vacancy.status, "rules": sorted({f["rule_id"] for f in findings})},
    )
    if registry or vacancy.status == VacancyStatus.REVIEW:
        _tell_coordinators_about(vacancy, listed=bool(registry))
    return vacancy


def _tell_coordinators_about(vacancy: Vacancy, *, listed: bool) -> None:
    path = reverse("opportunities:review_queue")

    def render() -> tuple[Text, Text]:
        if listed:
            subject = _("A listed non-compliant employer tried to publish a vacancy")
        else:
            subject = _("A vacancy waits for your review")
        body = _("%(title)s. Review: %(path)s") % {"title": vacancy.title, "path": path}
        return subject, body

    tell_coordinators(render)


@transaction.atomic
def vacancy_review(*, actor: Actor, vacancy: Vacancy, publish: bool) -> Vacancy:
    """A coordinator publishes a vacancy the checker could not clear, or blocks it."""
    refuse_unless(can_review_vacancies(actor))
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != VacancyStatus.REVIEW:
        raise ValidationError(_("This vacancy is not waiting for a review."))
    vacancy.status = VacancyStatus.PUBLISHED if publish else VacancyStatus.BLOCKED
    if publish:
        vacancy.published_on = timezone.localdate()
    vacancy.save(update_fields=["status", "published_on"])
    audit_record(
        actor=actor,
        action="opportunities.vacancy_reviewed",
        target=vacancy,
        organisation_id=vacancy.employer_organisation_id,
        details={"status": vacancy.status},
    )
    return vacancy


# What the publishing gate looks at: a change to any of these puts the vacancy through it again.
GATED_FIELDS = frozenset(
    {
        "province", "program", "starts_on", "ends_on", "hours_per_week", "hourly_wage",
        "housing", "deductions", "recruitment_fee",
    }
)  # fmt: skip
CLOSED_ALREADY = _("This vacancy is closed: it cannot be changed.")


@transaction.atomic
def vacancy_update(
    *, actor: Actor, vacancy: Vacancy, facts: VacancyFacts, language: str = "en"
) -> Vacancy:
    """Change a vacancy. A change to pay, hours, dates, place, housing, deductions or fees puts
    it through the gate again (published, blocked or sent for review); the workers who applied
    or were invited are told its terms changed. A refusal keeps nothing of the change."""
    refuse_unless(can_manage_vacancy(actor, vacancy))
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status == VacancyStatus.CLOSED:
        raise ValidationError(CLOSED_ALREADY)
    _check_facts(facts)
    new = _stored(facts)
    changed = sorted(name for name, value in new.items() if getattr(vacancy, name) != value)
    if not changed:
        return vacancy
    for name in changed:
        setattr(vacancy, name, new[name])
    recheck = bool(GATED_FIELDS & set(changed))
    if recheck:
        vacancy.status = VacancyStatus.DRAFT
    vacancy.save()
    audit_record(
        actor=actor,
        action="opportunities.vacancy_edited",
        target=vacancy,
        organisation_id=vacancy.employer_organisation_id,
        details={"fields": changed, "rechecked": recheck},
    )
    if recheck:
        vacancy = vacancy_publish(actor=actor, vacancy=vacancy, language=language)
        _tell_candidates(
            vacancy,
            _("A vacancy you applied to has changed"),
            _("The terms of %(title)s changed (pay, dates, housing or deductions). See them: "
              "%(path)s"),
        )  # fmt: skip
    return vacancy


@transaction.atomic
def vacancy_close(*, actor: Actor, vacancy: Vacancy) -> Vacancy:
    """Close a vacancy: it leaves the public list and matching; its candidates are told."""
    refuse_unless(can_manage_vacancy(actor, vacancy))
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status == VacancyStatus.CLOSED:
        return vacancy
    was = vacancy.status
    vacancy.status = VacancyStatus.CLOSED
    vacancy.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="opportunities.vacancy_closed",
        target=vacancy,
        organisation_id=vacancy.employer_organisation_id,
        details={"was": was},
    )
    _tell_candidates(
        vacancy,
        _("A vacancy you applied to is closed"),
        _("%(title)s is closed and takes no more applications. Other jobs for you: %(path)s"),
    )
    return vacancy


def _tell_candidates(vacancy: Vacancy, subject: Text, body: Text) -> int:
    """Tell each worker who applied or was invited (not those already hired), in her language."""
    waiting = (ApplicationStatus.APPLIED, ApplicationStatus.INVITED)
    people = [
        a.worker
        for a in Application.objects.filter(vacancy=vacancy, status__in=waiting).select_related(
            "worker"
        )
    ]

    def render() -> tuple[Text, Text]:
        return subject, body % {"title": vacancy.title, "path": reverse("opportunities:for_me")}

    return sum(notify_person(person, render) for person in people)
