"""The opportunities JSON API: public vacancies, posting one, candidates for the employer,
vacancies for the worker, applying, and referrals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.security import django_auth
from pydantic import BaseModel

from juntos.accounts.actors import signed_in
from juntos.opportunities import policies, selectors, services
from juntos.opportunities.forms import VacancyForm
from juntos.opportunities.matching import Match
from juntos.opportunities.models import Referral, Vacancy
from juntos.opportunities.noc import occupation
from juntos.opportunities.reasons import explain

router = Router(tags=["opportunities"])
MAX_ROWS = 100


class VacancyOut(Schema):
    id: int
    title: str
    employer: str
    occupation: str
    occupation_title: str
    teer: int | None
    province: str
    program: str
    starts_on: dt.date
    ends_on: dt.date
    hours_per_week: Decimal
    hourly_wage: Decimal
    housing: str
    deductions: dict[str, str]
    skills: list[str]
    languages: list[str]


class VacancyChangeIn(Schema):
    """A vacancy's terms, as the employer writes them (and changes them)."""

    title: str
    occupation: str
    province: str
    program: str
    starts_on: str
    ends_on: str
    hours_per_week: str
    hourly_wage: str
    housing: str
    housing_deduction: str = ""
    utilities_deduction: str = ""
    recruitment_fee: str = ""
    skills: str = ""
    languages: list[str] = []
    description: str = ""


class VacancyIn(VacancyChangeIn):
    employer_organisation_id: int


class VacancyFindingOut(Schema):
    rule_id: str
    severity: str
    title: str
    summary: str
    source_url: str
    certainty: str


class PostedOut(Schema):
    id: int
    status: str
    findings: list[VacancyFindingOut]


# The candidates' answer is built as plain dicts: plain pydantic models validate them in
# pydantic's core, without ninja's attribute getter, which took a third of the request.
class PartOut(BaseModel):
    part: str
    points: int
    maximum: int
    reason: str


class CandidateOut(BaseModel):
    candidate: str
    name: str
    applied: bool
    invited: bool
    score: int
    parts: list[PartOut]


class FitOut(Schema):
    vacancy: VacancyOut
    score: int
    parts: list[PartOut]


class ApplicationOut(Schema):
    id: int
    vacancy_id: int
    status: str


class FollowUpOut(Schema):
    months: int
    due_on: dt.date
    done_on: dt.date | None
    note: str


class ReferralOut(Schema):
    id: int
    kind: str
    status: str
    outcome: str
    home_organisation: str
    sent_on: dt.date
    shared_fields: list[str]
    follow_ups: list[FollowUpOut]


def _vacancy_row(vacancy: Vacancy, names: dict[int, str]) -> dict[str, object]:
    occ = occupation(vacancy.occupation)
    return {
        "id": vacancy.pk,
        "title": vacancy.title,
        "employer": names.get(vacancy.employer_organisation_id, ""),
        "occupation": vacancy.occupation,
        "occupation_title": occ.title() if occ else "",
        "teer": occ.teer if occ else None,
        "province": vacancy.province,
        "program": vacancy.program,
        "starts_on": vacancy.starts_on,
        "ends_on": vacancy.ends_on,
        "hours_per_week": vacancy.hours_per_week,
        "hourly_wage": vacancy.hourly_wage,
        "housing": vacancy.housing,
        "deductions": dict(vacancy.deductions),
        "skills": list(vacancy.skills),
        "languages": list(vacancy.languages),
    }


def _parts(match: Match, reasons: Sequence[str] | None = None) -> list[dict[str, object]]:
    """Each part of a match with its reason in words (those given, else put in words now)."""
    said = reasons if reasons is not None else [explain(p) for p in match.parts]
    return [
        {"part": p.name, "points": p.points, "maximum": p.maximum, "reason": reason}
        for p, reason in zip(match.parts, said, strict=True)
    ]


@router.get("/vacancies", response=list[VacancyOut], summary="Published vacancies")
def vacancies(request: HttpRequest) -> list[dict[str, object]]:
    rows = list(selectors.published_vacancies()[:MAX_ROWS])
    names = selectors.organisation_names({v.employer_organisation_id for v in rows})
    return [_vacancy_row(v, names) for v in rows]


@router.get("/vacancies/{vacancy_id}", response=VacancyOut, summary="One published vacancy")
def vacancy(request: HttpRequest, vacancy_id: int) -> dict[str, object]:
    found = selectors.get_published_vacancy(vacancy_id)
    names = selectors.organisation_names({found.employer_organisation_id})
    return _vacancy_row(found, names)


def _facts(payload: dict[str, object]) -> services.VacancyFacts:
    form = VacancyForm(payload)
    if not form.is_valid():
        raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
    return form.facts()


@router.post(
    "/vacancies",
    response={201: PostedOut},
    auth=django_auth,
    summary="Post a vacancy: it is checked, then published, blocked or sent for review",
)
def vacancy_post(request: HttpRequest, payload: VacancyIn) -> tuple[int, dict[str, object]]:
    user = signed_in(request)
    facts = _facts(payload.dict())
    with transaction.atomic():  # a refusal keeps no half-made draft
        created = services.vacancy_create(
            actor=user, employer_organisation_id=payload.employer_organisation_id, facts=facts
        )
        checked = services.vacancy_publish(
            actor=user, vacancy=created, language=get_language() or "en"
        )
    return 201, {"id": checked.pk, "status": checked.status, "findings": checked.check_findings}


@router.put(
    "/vacancies/{vacancy_id}",
    response=PostedOut,
    auth=django_auth,
    summary="Change my vacancy: a change to pay, dates, place, housing or fees is checked again",
)
def vacancy_change(
    request: HttpRequest, vacancy_id: int, payload: VacancyChangeIn
) -> dict[str, object]:
    user = signed_in(request)
    found = selectors.get_editable_vacancy_for(user, vacancy_id)
    changed = services.vacancy_update(
        actor=user, vacancy=found, facts=_facts(payload.dict()), language=get_language() or "en"
    )
    return {"id": changed.pk, "status": changed.status, "findings": changed.check_findings}


@router.post(
    "/vacancies/{vacancy_id}/close",
    response=PostedOut,
    auth=django_auth,
    summary="Close my vacancy (its candidates are told)",
)
def vacancy_close(request: HttpRequest, vacancy_id: int) -> dict[str, object]:
    user = signed_in(request)
    found = selectors.get_managed_vacancy_for(user, vacancy_id)
    closed = services.vacancy_close(actor=user, vacancy=found)
    return {"id": closed.pk, "status": closed.status, "findings": closed.check_findings}


@router.post(
    "/vacancies/{vacancy_id}/candidates/{candidate}/invite",
    response={201: ApplicationOut},
    auth=django_auth,
    summary="Invite a candidate to apply (she stays pseudonymous unless she applies)",
)
def invite(request: HttpRequest, vacancy_id: int, candidate: str) -> tuple[int, dict[str, object]]:
    user = signed_in(request)
    found = selectors.get_managed_vacancy_for(user, vacancy_id)
    worker_id = selectors.candidate_worker_id(user, found, candidate[:12])
    invitation = services.application_invite(actor=user, vacancy=found, worker_id=worker_id)
    return 201, {"id": invitation.pk, "vacancy_id": found.pk, "status": invitation.status}


class InvitationOut(Schema):
    id: int
    vacancy: VacancyOut


@router.get(
    "/invitations",
    response={200: list[InvitationOut], 403: dict[str, str]},
    auth=django_auth,
    summary="Invitations to apply I have not answered",
)
def invitations(request: HttpRequest) -> tuple[int, object]:
    user = signed_in(request)
    if not policies.is_worker(user):
        return 403, {"detail": "permission denied"}
    rows = list(selectors.own_invitations(user)[:MAX_ROWS])
    names = selectors.organisation_names({a.vacancy.employer_organisation_id for a in rows})
    return 200, [{"id": a.pk, "vacancy": _vacancy_row(a.vacancy, names)} for a in rows]


@router.get(
    "/vacancies/{vacancy_id}/candidates",
    response=list[CandidateOut],
    auth=django_auth,
    summary="The best candidates for my vacancy (pseudonymous until they apply)",
)
def candidates(request: HttpRequest, vacancy_id: int) -> list[dict[str, object]]:
    return [
        {
            "candidate": c.pseudonym,
            "name": c.name,
            "applied": c.applied,
            "invited": c.invited,
            "score": c.match.score,
            "parts": _parts(c.match, c.reasons),
        }
        for c in selectors.candidates_for(signed_in(request), vacancy_id)
    ]


@router.get(
    "/for-me",
    response={200: list[FitOut], 403: dict[str, str]},
    auth=django_auth,
    summary="Vacancies that fit me, with the reasons",
)
def for_me(request: HttpRequest) -> tuple[int, object]:
    user = signed_in(request)
    if not policies.is_worker(user):
        return 403, {"detail": "permission denied"}
    fits = selectors.vacancies_for_worker(user)
    names = selectors.organisation_names({v.employer_organisation_id for v, _m in fits})
    return 200, [
        {"vacancy": _vacancy_row(v, names), "score": m.score, "parts": _parts(m)} for v, m in fits
    ]


@router.post(
    "/vacancies/{vacancy_id}/apply",
    response={201: ApplicationOut, 403: dict[str, str]},
    auth=django_auth,
    summary="Apply to a vacancy (the employer then sees my name)",
)
def apply(request: HttpRequest, vacancy_id: int) -> tuple[int, dict[str, object]]:
    user = signed_in(request)
    if not policies.is_worker(user):
        return 403, {"detail": "permission denied"}
    found = selectors.get_published_vacancy(vacancy_id)
    application = services.application_apply(actor=user, vacancy=found)
    return 201, {"id": application.pk, "vacancy_id": found.pk, "status": application.status}


def _referral_row(referral: Referral, names: dict[int, str]) -> dict[str, object]:
    return {
        "id": referral.pk,
        "kind": referral.kind,
        "status": referral.status,
        "outcome": referral.outcome,
        "home_organisation": names.get(referral.home_organisation_id, ""),
        "sent_on": referral.sent_on,
        "shared_fields": list(referral.shared_fields),
        "follow_ups": [
            {"months": f.months, "due_on": f.due_on, "done_on": f.done_on, "note": f.note}
            for f in referral.follow_ups.all()
        ],
    }


@router.get(
    "/referrals", response=list[ReferralOut], auth=django_auth, summary="Referrals I may see"
)
def referrals(request: HttpRequest) -> list[dict[str, object]]:
    user = signed_in(request)
    rows = list(selectors.referrals_for(user)[:MAX_ROWS])
    names = selectors.organisation_names({r.home_organisation_id for r in rows})
    return [_referral_row(r, names) for r in rows]


@router.get(
    "/referrals/{referral_id}", response=ReferralOut, auth=django_auth, summary="One referral"
)
def referral(request: HttpRequest, referral_id: int) -> dict[str, object]:
    user = signed_in(request)
    found = selectors.get_referral_for(user, referral_id)
    names = selectors.organisation_names({found.home_organisation_id})
    return _referral_row(found, names)
