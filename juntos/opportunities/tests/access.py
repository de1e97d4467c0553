"""Every page and API operation of the opportunities app, and who may use it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from juntos.learning.models import ProfileGrant
from juntos.opportunities.choices import NamedStatus, VacancyStatus, Vetting
from juntos.opportunities.models import (
    Application,
    NamedRequest,
    Referral,
    VisitRequest,
    VolunteerOffer,
)
from juntos.opportunities.services import referral_create
from juntos.opportunities.tests.factories import (
    engagement,
    opted_in,
    org_id,
    profile_for,
    published_vacancy,
)
from juntos.testing.access import EVERYONE, NOBODY, SIGNED_IN, Access

CARL = frozenset({"carl"})
ROSA = frozenset({"rosa"})
BEN = frozenset({"ben"})
CASEWORKERS = frozenset({"amina", "dana"})  # caseworkers of a support organisation


def _vacancy(p: Any) -> dict[str, int]:
    return {"vacancy_id": published_vacancy().pk}


def _in_review(p: Any) -> dict[str, int]:
    vacancy = published_vacancy()
    vacancy.status = VacancyStatus.REVIEW
    vacancy.save()
    return {"vacancy_id": vacancy.pk}


def _application(p: Any) -> dict[str, int]:
    vacancy = published_vacancy()
    application = Application.objects.create(vacancy=vacancy, worker=p.rosa, status="applied")
    return {"application_id": application.pk}


def _request_to_rosa(p: Any) -> dict[str, int]:
    engagement(p.rosa)
    request = NamedRequest.objects.create(
        employer_organisation_id=org_id("okanagan-orchards"),
        liaison_organisation_id=org_id("consulado-vancouver"),
        worker=p.rosa,
        season_year=2027,
        program="sawp-mx",
        starts_on=dt.date(2027, 4, 1),
        status=NamedStatus.WAITING_WORKER,
    )
    return {"request_id": request.pk}


def _confirmed_request(p: Any) -> dict[str, int]:
    kwargs = _request_to_rosa(p)
    NamedRequest.objects.filter(pk=kwargs["request_id"]).update(status=NamedStatus.WAITING_LIAISON)
    return kwargs


def _offer_to_rosa(p: Any) -> dict[str, int]:
    season = engagement(p.rosa)
    season.not_named_offered_on = dt.date(2026, 12, 2)
    season.save()
    return {"engagement_id": season.pk}


def _rosa_referral(p: Any) -> Referral:
    profile = profile_for(p.rosa)
    ProfileGrant.objects.get_or_create(
        profile=profile, organisation_id=org_id("fraser-valley-support"), revoked_at=None
    )
    return referral_create(
        actor=p.amina,
        worker=p.rosa,
        home_organisation_id=org_id("fondo-oaxaca"),
        kind="microcredit",
        consent=True,
        shared_fields=["name"],
    )


def _referral(p: Any) -> dict[str, int]:
    return {"referral_id": _rosa_referral(p).pk}


def _follow_up(p: Any) -> dict[str, int]:
    referral = _rosa_referral(p)
    return {"referral_id": referral.pk, "follow_up_id": referral.follow_ups.all()[0].pk}


def _visit(p: Any) -> VisitRequest:
    return VisitRequest.objects.create(
        organisation_id=org_id("fraser-valley-support"),
        title="Riego por goteo",
        expertise=["irrigation"],
        language="es",
        starts_on=dt.date(2027, 2, 1),
        ends_on=dt.date(2027, 2, 14),
    )


def _cleared_volunteer(p: Any) -> VolunteerOffer:
    return VolunteerOffer.objects.get_or_create(
        user=p.ines,
        defaults={
            "expertise": ["irrigation"],
            "languages": ["es", "fr"],
            "available_from": dt.date(2027, 1, 1),
            "available_to": dt.date(2027, 3, 1),
            "vetting": Vetting.CLEARED,
            "vetted_on": dt.date(2026, 12, 1),
            "vetted_by": p.ben,
        },
    )[0]


def _choose(p: Any) -> dict[str, int]:
    return {"visit_id": _visit(p).pk, "offer_id": _cleared_volunteer(p).pk}


def _pending_volunteer(p: Any) -> dict[str, int]:
    offer, _created = VolunteerOffer.objects.get_or_create(
        user=p.dana,
        defaults={
            "expertise": ["soil"],
            "languages": ["en"],
            "available_from": dt.date(2027, 1, 1),
            "available_to": dt.date(2027, 3, 1),
        },
    )
    return {"offer_id": offer.pk}


def _rosa_findable(p: Any) -> dict[str, int]:
    profile_for(p.rosa)
    opted_in(p.rosa)
    return {}


def _licensed_rita(p: Any) -> dict[str, int]:
    from juntos.registry.models import Recruiter, RecruiterLicence

    recruiter, _created = Recruiter.objects.get_or_create(
        slug="pacific-access-test",
        defaults={
            "name": "Pacific Agricultural Recruitment Services",
            "organisation_id": org_id("pacific-agri-recruitment"),
        },
    )
    RecruiterLicence.objects.get_or_create(
        recruiter=recruiter, province="BC", number="BC-TEST-1", defaults={"status": "active"}
    )
    return {}


def _rosa_candidate(p: Any) -> dict[str, Any]:
    """A published vacancy with rosa among its candidates, and the pseudonym carl sees."""
    from juntos.opportunities.selectors import _pseudonym

    _rosa_findable(p)
    vacancy = published_vacancy()
    return {"vacancy_id": vacancy.pk, "pseudonym": _pseudonym(vacancy.pk, p.rosa.pk)}


def _api_candidate(p: Any) -> dict[str, Any]:
    kwargs = _rosa_candidate(p)
    return {"vacancy_id": kwargs["vacancy_id"], "candidate": kwargs["pseudonym"]}


def _invitation_to_rosa(p: Any) -> dict[str, int]:
    vacancy = published_vacancy()
    invitation = Application.objects.create(vacancy=vacancy, worker=p.rosa, status="invited")
    return {"application_id": invitation.pk}


def _invitation_to_rosa_page(p: Any) -> dict[str, int]:
    _invitation_to_rosa(p)
    return {}


def _change_payload(p: Any, kw: dict[str, Any]) -> dict[str, Any]:
    """The vacancy as posted, at a higher wage: the gate runs again."""
    return {
        "title": "Apple harvest",
        "occupation": "85101",
        "province": "BC",
        "program": "sawp-mx",
        "starts_on": "2026-06-15",
        "ends_on": "2026-10-31",
        "hours_per_week": "40",
        "hourly_wage": "19.75",
        "housing": "free",
        "skills": "picking, pruning",
        "languages": ["es"],
    }


def _vacancy_payload(p: Any, kw: dict[str, Any]) -> dict[str, Any]:
    return {
        "employer_organisation_id": org_id("okanagan-orchards"),
        "title": "Pruning",
        "occupation": "85101",
        "province": "BC",
        "program": "sawp-mx",
        "starts_on": "2026-03-02",
        "ends_on": "2026-05-29",
        "hours_per_week": "40",
        "hourly_wage": "19.50",
        "housing": "free",
    }


ACCESS = [
    Access("opportunities:vacancies", allow=EVERYONE, worker_page=True, key_page=True),
    Access(
        "opportunities:vacancy", allow=EVERYONE, worker_page=True, key_page=True, kwargs=_vacancy
    ),
    Access(
        "opportunities:apply",
        method="POST",
        allow=ROSA,
        kwargs=_vacancy,
        note="workers apply; nobody else can apply for someone",
    ),
    Access(
        "opportunities:vacancy_new",
        allow=frozenset({"carl", "rita"}),
        note="employers and recruiters (a recruiter's licence is checked on publishing)",
    ),
    Access("opportunities:my_vacancies", allow=frozenset({"carl", "rita"})),
    Access(
        "opportunities:manage",
        allow=CARL,
        kwargs=_vacancy,
        note="carl's own vacancy: the only page with candidates; rita did not post it",
    ),
    Access("opportunities:hire", method="POST", allow=CARL, kwargs=_application),
    Access("opportunities:vacancy_edit", allow=CARL, kwargs=_vacancy),
    Access(
        "opportunities:vacancy_edit",
        method="POST",
        allow=CARL,
        kwargs=_vacancy,
        data=_change_payload,
        note="carl's own vacancy; the change goes through the gate again",
    ),
    Access("opportunities:vacancy_close", method="POST", allow=CARL, kwargs=_vacancy),
    Access(
        "opportunities:invite",
        method="POST",
        allow=CARL,
        kwargs=_rosa_candidate,
        note="only the vacancy's employer, only a candidate he was shown (by pseudonym)",
    ),
    Access(
        "opportunities:invitations", allow=ROSA, worker_page=True, kwargs=_invitation_to_rosa_page
    ),
    Access(
        "opportunities:invitation_answer",
        method="POST",
        allow=ROSA,
        kwargs=_invitation_to_rosa,
        data=lambda p, kw: {"accept": "1"},
        note="her own invitation only",
    ),
    Access("opportunities:review_queue", allow=BEN),
    Access(
        "opportunities:review",
        method="POST",
        allow=BEN,
        kwargs=_in_review,
        data=lambda p, kw: {"publish": "1"},
    ),
    Access("opportunities:findable", allow=ROSA, worker_page=True, key_page=True),
    Access("opportunities:for_me", allow=ROSA, worker_page=True, kwargs=_rosa_findable),
    Access("opportunities:my_requests", allow=ROSA, worker_page=True),
    Access(
        "opportunities:respond",
        method="POST",
        allow=ROSA,
        kwargs=_request_to_rosa,
        data=lambda p, kw: {"confirm": "1"},
    ),
    Access(
        "opportunities:my_options",
        allow=ROSA,
        worker_page=True,
        kwargs=lambda p: _offer_to_rosa(p) and {},
    ),
    Access("opportunities:join_pool", method="POST", allow=ROSA, kwargs=_offer_to_rosa),
    Access("opportunities:named", allow=CARL, note="members of an employer only"),
    Access(
        "opportunities:liaison",
        allow=NOBODY,
        note="consulate members only; no persona belongs to a consulate (tested with lupe)",
    ),
    Access(
        "opportunities:decide",
        method="POST",
        allow=NOBODY,
        kwargs=_confirmed_request,
        data=lambda p, kw: {"approve": "1"},
        note="the liaison named on the request only (tested with lupe); never the employer",
    ),
    Access("opportunities:rates", allow=frozenset({"ben", "ines"})),
    Access(
        "opportunities:referrals",
        allow=SIGNED_IN,
        kwargs=lambda p: _referral(p) and {},
        note="each sees only the referrals she may (dana's list is empty)",
    ),
    Access("opportunities:referral_new", allow=CASEWORKERS),
    Access("opportunities:referral", allow=frozenset({"rosa", "amina"}), kwargs=_referral),
    Access(
        "opportunities:follow_up",
        method="POST",
        allow=frozenset({"amina"}),
        kwargs=_follow_up,
        data=lambda p, kw: {"note": "Crédito entregado"},
    ),
    Access("opportunities:visits", allow=SIGNED_IN),
    Access("opportunities:visit_new", allow=CASEWORKERS, note="members of community organisations"),
    Access(
        "opportunities:visit",
        allow=SIGNED_IN,
        kwargs=lambda p: {"visit_id": _visit(p).pk},
        note="an open request is shown to every volunteer with an account",
    ),
    Access("opportunities:visit_choose", method="POST", allow=frozenset({"amina"}), kwargs=_choose),
    Access("opportunities:volunteer", allow=SIGNED_IN),
    Access("opportunities:vetting", allow=BEN),
    Access("opportunities:vet", method="POST", allow=BEN, kwargs=_pending_volunteer),
    Access("GET /api/opportunities/vacancies", allow=EVERYONE),
    Access("GET /api/opportunities/vacancies/{vacancy_id}", allow=EVERYONE, kwargs=_vacancy),
    Access(
        "POST /api/opportunities/vacancies",
        method="POST",
        allow=frozenset({"carl", "rita"}),
        kwargs=_licensed_rita,
        data=_vacancy_payload,
        note="rita's recruiter holds a BC licence here; a worker or dana gets 403",
    ),
    Access("GET /api/opportunities/vacancies/{vacancy_id}/candidates", allow=CARL, kwargs=_vacancy),
    Access("GET /api/opportunities/for-me", allow=ROSA, kwargs=_rosa_findable),
    Access(
        "PUT /api/opportunities/vacancies/{vacancy_id}",
        allow=CARL,
        kwargs=_vacancy,
        data=_change_payload,
    ),
    Access("POST /api/opportunities/vacancies/{vacancy_id}/close", allow=CARL, kwargs=_vacancy),
    Access(
        "POST /api/opportunities/vacancies/{vacancy_id}/candidates/{candidate}/invite",
        allow=CARL,
        kwargs=_api_candidate,
    ),
    Access(
        "GET /api/opportunities/invitations",
        allow=ROSA,
        kwargs=lambda p: _invitation_to_rosa(p) and {},
    ),
    Access(
        "POST /api/opportunities/vacancies/{vacancy_id}/apply",
        method="POST",
        allow=ROSA,
        kwargs=_vacancy,
    ),
    Access(
        "GET /api/opportunities/referrals", allow=SIGNED_IN, kwargs=lambda p: _referral(p) and {}
    ),
    Access(
        "GET /api/opportunities/referrals/{referral_id}",
        allow=frozenset({"rosa", "amina"}),
        kwargs=_referral,
    ),
]
