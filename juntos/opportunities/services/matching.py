"""Being found for vacancies (her explicit choice), applying, invitations and hiring."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.core.jurisdictions import PROVINCES_ONLY
from juntos.core.services import Text, audit_record, fact_record, notify_person
from juntos.opportunities.choices import ApplicationStatus, VacancyStatus
from juntos.opportunities.models import Application, FindableWorker, SeasonEngagement, Vacancy
from juntos.opportunities.policies import can_manage_vacancy, is_worker
from juntos.opportunities.services._common import refuse_unless

__all__ = [
    "CONSENT_TEXT",
    "application_apply",
    "application_hire",
    "application_invite",
    "application_withdraw",
    "findable_opt_in",
    "findable_opt_out",
]

CONSENT_TEXT = _(
    "I choose to be found for vacancies. Employers see my skills, languages and dates without "
    "my name or contact, until I apply or accept an invitation."
)


@transaction.atomic
def findable_opt_in(
    *,
    actor: Actor,
    consent: bool,
    available_from: dt.date,
    available_to: dt.date,
    provinces: list[str],
) -> FindableWorker:
    """Her explicit choice to be found, stored with the consent she gave and when."""
    refuse_unless(is_worker(actor))
    if not consent:
        raise ValidationError({"consent": [_("Tick the box to choose to be found.")]})
    if available_to < available_from:
        raise ValidationError(
            {"available_to": [_("The last day must be on or after the first day.")]}
        )
    codes = {str(p) for p in PROVINCES_ONLY}
    unknown = [p for p in provinces if p not in codes]
    if unknown:
        raise ValidationError({"provinces": [_("Choose provinces from the list.")]})
    findable, _created = FindableWorker.objects.update_or_create(
        user=actor,
        defaults={
            "consented_at": timezone.now(),
            "consent_text": str(CONSENT_TEXT)[:300],
            "available_from": available_from,
            "available_to": available_to,
            "provinces": sorted(set(provinces)),
        },
    )
    audit_record(actor=actor, action="opportunities.findable_opted_in", target=findable)
    return findable


@transaction.atomic
def findable_opt_out(*, actor: Actor) -> None:
    """She stops being found: the choice and its availability are deleted."""
    if not isinstance(actor, SignedIn):
        raise PermissionDenied
    FindableWorker.objects.filter(user=actor).delete()
    audit_record(actor=actor, action="opportunities.findable_opted_out")


@transaction.atomic
def application_apply(*, actor: Actor, vacancy: Vacancy) -> Application:
    """She applies (or accepts the employer's invitation): from now on he sees who she is."""
    refuse_unless(is_worker(actor))
    if vacancy.status != VacancyStatus.PUBLISHED:
        raise ValidationError(_("This vacancy is not open."))
    assert isinstance(actor, SignedIn)  # is_worker said so
    existing = Application.objects.select_for_update().filter(vacancy=vacancy, worker=actor).first()
    if existing is not None and existing.status in (
        ApplicationStatus.APPLIED,
        ApplicationStatus.HIRED,
    ):
        return existing
    try:
        with transaction.atomic():
            application, _created = Application.objects.update_or_create(
                vacancy=vacancy, worker=actor, defaults={"status": ApplicationStatus.APPLIED}
            )
    except IntegrityError as exc:  # two taps at once: the other one applied
        raise ValidationError(_("You have already applied.")) from exc
    audit_record(
        actor=actor,
        action="opportunities.applied",
        target=application,
        organisation_id=vacancy.employer_organisation_id,
    )
    fact_record(
        kind="opportunities.application",
        province=vacancy.province,
        program=vacancy.program,
        category=vacancy.occupation,
    )
    return application


@transaction.atomic
def application_withdraw(*, actor: Actor, application: Application) -> Application:
    """She withdraws; the employer no longer sees her."""
    refuse_unless(actor.is_authenticated and application.worker_id == actor.pk)
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    audit_record(actor=actor, action="opportunities.withdrew", target=application)
    return application


@transaction.atomic
def application_hire(*, actor: Actor, application: Application) -> SeasonEngagement:
    """The employer hires an applicant: her season with him begins (a returning worker next)."""
    vacancy = application.vacancy
    refuse_unless(can_manage_vacancy(actor, vacancy))
    if application.status != ApplicationStatus.APPLIED:
        raise ValidationError(_("Only a current application can be hired."))
    application.status = ApplicationStatus.HIRED
    application.save(update_fields=["status"])
    engagement, _created = SeasonEngagement.objects.get_or_create(
        worker_id=application.worker_id,
        employer_organisation_id=vacancy.employer_organisation_id,
        year=vacancy.starts_on.year,
        defaults={"program": vacancy.program, "province": vacancy.province},
    )
    audit_record(
        actor=actor,
        action="opportunities.hired",
        target=application,
        organisation_id=vacancy.employer_organisation_id,
    )
    return engagement


@transaction.atomic
def application_invite(*, actor: Actor, vacancy: Vacancy, worker_id: int) -> Application:
    """The employer invites a candidate to apply, through her chosen channel. He still sees
    only her pseudonym: her name reaches him only if she accepts (applies)."""
    refuse_unless(can_manage_vacancy(actor, vacancy))
    if vacancy.status != VacancyStatus.PUBLISHED:
        raise ValidationError(_("This vacancy is not open."))
    findable = FindableWorker.objects.filter(user_id=worker_id).select_related("user").first()
    if findable is None:
        raise ValidationError(_("This candidate is no longer open to offers."))
    application, created = Application.objects.get_or_create(
        vacancy=vacancy, worker_id=worker_id, defaults={"status": ApplicationStatus.INVITED}
    )
    if not created:  # invited, applied or said no already: nobody is asked twice
        return application
    audit_record(
        actor=actor,
        action="opportunities.invited",
        target=application,
        organisation_id=vacancy.employer_organisation_id,
    )
    worker = findable.user

    def render() -> tuple[Text, Text]:
        return (
            _("An employer invites you to apply"),
            _("%(title)s. Your name stays hidden unless you apply. Apply or say no: %(path)s")
            % {"title": vacancy.title, "path": reverse("opportunities:invitations")},
        )

    notify_person(worker, render)
    return application
