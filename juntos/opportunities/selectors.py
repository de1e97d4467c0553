"""Reads of the opportunities app. Published vacancies are public; the rest authorises."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Min, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from juntos.accounts.actors import Actor, SignedIn
from juntos.accounts.selectors import memberships_of, organisations_of_kind, public_organisations
from juntos.core.compiled import CompiledLookup, run_together
from juntos.core.crypto import keyed_hash
from juntos.core.memory import ShortMemory
from juntos.credentials.selectors import holders_recognised_for, occupation_recognitions
from juntos.learning.selectors import advisees_for, skills_and_languages_of
from juntos.opportunities.choices import (
    ApplicationStatus,
    NamedStatus,
    VacancyStatus,
    Vetting,
    VisitStatus,
)
from juntos.opportunities.jsonld import job_posting_data
from juntos.opportunities.languages import language_code
from juntos.opportunities.matching import (
    CredentialFit,
    Match,
    VacancyCard,
    WorkerCard,
    WorkerIndex,
    top_candidates,
    top_vacancies,
    words,
)
from juntos.opportunities.models import (
    Application,
    FindableWorker,
    NamedRequest,
    Referral,
    SeasonEngagement,
    Vacancy,
    VisitRequest,
    VolunteerOffer,
)
from juntos.opportunities.policies import (
    can_manage_vacancy,
    can_manage_visit,
    can_review_vacancies,
    can_see_named_back_rates,
    can_vet_volunteers,
    can_view_referral,
    employer_organisations_of,
    liaison_organisations_of,
    recruiter_organisations_of,
    referring_organisations_of,
    visit_host_organisations_of,
)
from juntos.opportunities.reasons import explain

SHOWN_APPLICATIONS = (ApplicationStatus.APPLIED, ApplicationStatus.HIRED)


def published_vacancies() -> QuerySet[Vacancy]:
    """Vacancies open to the public, soonest first."""
    return Vacancy.objects.filter(status=VacancyStatus.PUBLISHED)


def get_published_vacancy(vacancy_id: int) -> Vacancy:
    """One published vacancy, or 404."""
    vacancy = published_vacancies().filter(pk=vacancy_id).first()
    if vacancy is None:
        raise Http404
    return vacancy


def published_job_postings(
    *, url_of: Callable[[int], str], language: str = "en"
) -> dict[int, dict[str, object]]:
    """Every published vacancy as its schema.org JobPosting, by id (for the federation feed),
    in a fixed number of queries."""
    rows = list(published_vacancies())
    names = organisation_names({v.employer_organisation_id for v in rows})
    return {
        v.pk: job_posting_data(
            v,
            employer_name=names.get(v.employer_organisation_id, ""),
            url=url_of(v.pk),
            language=language,
        )
        for v in rows
    }


def organisation_names(ids: set[int]) -> dict[int, str]:
    """Names of organisations by id, in one query."""
    if not ids:
        return {}
    return dict(public_organisations().filter(pk__in=ids).values_list("pk", "name"))


def vacancies_managed_by(actor: Actor) -> QuerySet[Vacancy]:
    """Vacancies of the actor's employers and those her recruiter organisation posted."""
    employers = employer_organisations_of(actor)
    recruiters = recruiter_organisations_of(actor)
    return Vacancy.objects.filter(
        Q(employer_organisation_id__in=employers) | Q(posted_by_organisation_id__in=recruiters)
    ).order_by("-id")


# An employer's match page and its API read the vacancy and its applications on every visit:
# their SQL is compiled once per connection (juntos/core/compiled.py).
_vacancy_by_pk = CompiledLookup(Vacancy, "id", lambda pk: Vacancy.objects.filter(pk=pk))
_applications_seen_of = CompiledLookup(
    Application,
    "vacancy",
    lambda vacancy_id: Application.objects.filter(
        vacancy_id=vacancy_id, status__in=(*SHOWN_APPLICATIONS, ApplicationStatus.INVITED)
    ).select_related("worker"),
)


def get_managed_vacancy_for(actor: Actor, vacancy_id: int) -> Vacancy:
    """A vacancy the actor's organisation manages, or 404."""
    return _managed(actor, _vacancy_by_pk(vacancy_id))


def _managed(actor: Actor, found: list[Vacancy]) -> Vacancy:
    """The vacancy found, if the actor manages it; else 404."""
    if not found or not can_manage_vacancy(actor, found[0]):
        raise Http404
    return found[0]


def vacancies_to_review(actor: Actor) -> QuerySet[Vacancy]:
    """Vacancies waiting for a coordinator (only coordinators get any)."""
    if not can_review_vacancies(actor):
        return Vacancy.objects.none()
    return Vacancy.objects.filter(status=VacancyStatus.REVIEW).order_by("id")


def get_vacancy_to_review_for(actor: Actor, vacancy_id: int) -> Vacancy:
    vacancy = vacancies_to_review(actor).filter(pk=vacancy_id).first()
    if vacancy is None:
        raise Http404
    return vacancy


# ---- matching -------------------------------------------------------------------------


def vacancy_card(vacancy: Vacancy) -> VacancyCard:
    return VacancyCard.make(
        id=vacancy.pk,
        occupation=vacancy.occupation,
        province=vacancy.province,
        starts_on=vacancy.starts_on,
        ends_on=vacancy.ends_on,
        employer_id=vacancy.employer_organisation_id,
        skills=tuple(vacancy.skills),
        languages=tuple(vacancy.languages),
    )


def _worker_cards(findables: QuerySet[FindableWorker]) -> list[WorkerCard]:
    """Cards for opted-in workers, from their learning profiles, seasons and counting
    credentials, in a fixed number of queries of plain values (the index holds thousands)."""
    rows = list(
        findables.values_list(
            "user_id", "available_from", "available_to", "provinces", "returning_pool"
        )
    )
    user_ids = [row[0] for row in rows]
    profiles = skills_and_languages_of(user_ids)
    past: dict[int, set[int]] = defaultdict(set)
    pool: set[int] = set()
    for worker_id, employer_id, joined in SeasonEngagement.objects.filter(
        worker_id__in=user_ids
    ).values_list("worker_id", "employer_organisation_id", "pool_joined_on"):
        past[worker_id].add(employer_id)
        if joined:
            pool.add(worker_id)
    recognitions = occupation_recognitions(user_ids)
    cards = []
    for user_id, available_from, available_to, provinces, returning_pool in rows:
        skills = profiles.skills.get(user_id, ())
        cards.append(
            WorkerCard(
                id=user_id,
                occupations=frozenset(occupation for occupation, _ in skills if occupation),
                skill_words=words(description for _, description in skills),
                languages=frozenset(language_code(x) for x in profiles.languages.get(user_id, ())),
                available_from=available_from,
                available_to=available_to,
                provinces=frozenset(provinces),
                past_employers=frozenset(past[user_id]),
                returning_pool=returning_pool or user_id in pool,
                credentials=tuple(
                    CredentialFit(
                        occupation=r.occupation,
                        framework=r.framework,
                        code=r.code,
                        titles=tuple(sorted(r.titles.items())),
                        via=r.via,
                        endorsed_by=r.endorsed_by,
                    )
                    for r in recognitions.get(user_id, ())
                ),
            )
        )
    return cards


# The index of opted-in workers per occupation, remembered for a few seconds by each process
# (a rush of employers' candidate pages costs one build). A change to who is findable, or to
# seasons, in this process forgets it at once (signals in apps.py); a change to a learning
# profile's skills or languages is seen within the memory's seconds.
INDEX_MEMORY_SECONDS = 5.0
_index_memory: ShortMemory[WorkerIndex] = ShortMemory(seconds=INDEX_MEMORY_SECONDS, most=64)


def forget_worker_index(*args: object, **kwargs: object) -> None:
    """Forget the remembered indexes and matches (a signal receiver)."""
    _index_memory.forget()
    _match_memory.forget()


def _index_for(occupation: str) -> WorkerIndex:
    def build() -> WorkerIndex:
        opted = FindableWorker.objects.filter(
            Q(user__learning_profile__skills__occupation=occupation)
            | Q(user_id__in=holders_recognised_for(occupation))
        )
        return WorkerIndex(_worker_cards(opted.distinct()))

    return _index_memory.remember(occupation, build)


class _Top:
    """A vacancy's top matches with their pseudonyms, and each match's reasons in words per
    language, filled in the first time a page in that language asks (remembered together, so
    they are forgotten together)."""

    __slots__ = ("matches", "pseudonyms", "reasons")

    def __init__(self, card: VacancyCard, matches: list[Match]) -> None:
        self.matches = matches
        self.pseudonyms = tuple(_pseudonym(card.id, m.worker_id) for m in matches)
        self.reasons: dict[str, tuple[tuple[str, ...], ...]] = {}

    def reasons_in(self, language: str) -> tuple[tuple[str, ...], ...]:
        found = self.reasons.get(language)
        if found is None:
            found = tuple(tuple(explain(p) for p in m.parts) for m in self.matches)
            self.reasons[language] = found
        return found


_match_memory: ShortMemory[_Top] = ShortMemory(seconds=INDEX_MEMORY_SECONDS, most=512)


def _top_for(card: VacancyCard, k: int) -> _Top:
    """The vacancy's top k, remembered with the index (the card holds all the vacancy says)."""
    return _match_memory.remember(
        (card, k), lambda: _Top(card, top_candidates(card, _index_for(card.occupation), k=k))
    )


def _pseudonym(vacancy_id: int, worker_id: int) -> str:
    """A name for a candidate that holds for this vacancy only (no link across vacancies)."""
    return keyed_hash("opportunities.candidate", f"{vacancy_id}:{worker_id}")[:6].upper()


@dataclass(frozen=True)
class Candidate:
    """One candidate as the employer sees her: pseudonymous unless she applied."""

    pseudonym: str
    match: Match
    applied: bool
    name: str  # empty until she applies
    application_id: int | None
    invited: bool = False  # invited and not yet answered: still only a pseudonym
    reasons: tuple[str, ...] = ()  # each part of the match in words, in the page's language


def candidates_for(actor: Actor, vacancy_id: int, k: int = 10) -> list[Candidate]:
    """The top candidates for a vacancy the actor manages, with the reasons for each score in
    the active language; 404 as `get_managed_vacancy_for`."""
    vacancy, rows = _managed_with_applications(actor, vacancy_id)
    return _candidates(vacancy, k, rows)


def match_page_for(
    actor: Actor, vacancy_id: int, k: int = 10
) -> tuple[Vacancy, list[Candidate], list[Application]]:
    """The match page: a vacancy the actor manages (else 404), its top candidates while it is
    published (as `candidates_for`), and its applicants (as `applicants_of`), from one read
    of the vacancy and its applications."""
    vacancy, rows = _managed_with_applications(actor, vacancy_id)
    applicants = [a for a in rows if a.status in SHOWN_APPLICATIONS]
    found = _candidates(vacancy, k, rows) if vacancy.status == VacancyStatus.PUBLISHED else []
    return vacancy, found, applicants


def _managed_with_applications(actor: Actor, vacancy_id: int) -> tuple[Vacancy, list[Application]]:
    """The vacancy and the applications its employer sees (applied, hired or invited, with the
    worker, whose name is shown only once she applied), read together: on PostgreSQL one
    wait for the server. Nothing of them leaves here unless the actor manages the vacancy."""
    found, rows = run_together(
        (_vacancy_by_pk, (vacancy_id,)), (_applications_seen_of, (vacancy_id,))
    )
    return _managed(actor, found), rows


def _candidates(vacancy: Vacancy, k: int, rows: list[Application]) -> list[Candidate]:
    top = _top_for(vacancy_card(vacancy), k)
    reasons = top.reasons_in(get_language() or settings.LANGUAGE_CODE)
    invited = {a.worker_id for a in rows if a.status == ApplicationStatus.INVITED}
    applied = {a.worker_id: a for a in rows if a.worker_id not in invited}
    return [
        Candidate(
            pseudonym=pseudonym,
            match=m,
            applied=m.worker_id in applied,
            name=applied[m.worker_id].worker.display_name if m.worker_id in applied else "",
            application_id=applied[m.worker_id].pk if m.worker_id in applied else None,
            invited=m.worker_id in invited,
            reasons=said,
        )
        for m, pseudonym, said in zip(top.matches, top.pseudonyms, reasons, strict=True)
    ]


def candidate_worker_id(actor: Actor, vacancy: Vacancy, pseudonym: str, k: int = 10) -> int:
    """The worker behind a pseudonym among the vacancy's top candidates, or 404: an employer
    can reach only the candidates he was shown."""
    if not can_manage_vacancy(actor, vacancy) or vacancy.status != VacancyStatus.PUBLISHED:
        raise Http404
    wanted = pseudonym.strip().upper()
    top = _top_for(vacancy_card(vacancy), k)
    for m, shown in zip(top.matches, top.pseudonyms, strict=True):
        if shown == wanted:
            return m.worker_id
    raise Http404


def own_invitations(actor: Actor) -> QuerySet[Application]:
    """Invitations she has not answered, to vacancies still open."""
    if not actor.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(
            worker_id=actor.pk,
            status=ApplicationStatus.INVITED,
            vacancy__status=VacancyStatus.PUBLISHED,
        )
        .select_related("vacancy")
        .order_by("-created_at", "-id")
    )


def get_own_invitation_for(actor: Actor, application_id: int) -> Application:
    invitation = own_invitations(actor).filter(pk=application_id).first()
    if invitation is None:
        raise Http404
    return invitation


def get_editable_vacancy_for(actor: Actor, vacancy_id: int) -> Vacancy:
    """A vacancy the actor manages and may still change (not closed), or 404."""
    vacancy = get_managed_vacancy_for(actor, vacancy_id)
    if vacancy.status == VacancyStatus.CLOSED:
        raise Http404
    return vacancy


def applicants_of(actor: Actor, vacancy: Vacancy) -> QuerySet[Application]:
    """The workers who applied: the only ones the employer sees by name."""
    if not can_manage_vacancy(actor, vacancy):
        raise Http404
    return vacancy.applications.filter(status__in=SHOWN_APPLICATIONS).select_related("worker")


def findable_of(actor: Actor) -> FindableWorker | None:
    """Her own choice to be found, if she made it."""
    if not actor.is_authenticated:
        return None
    return FindableWorker.objects.filter(user_id=actor.pk).first()


def vacancies_for_worker(actor: Actor, k: int = 20) -> list[tuple[Vacancy, Match]]:
    """Published vacancies that fit her profile and availability, best first."""
    findable = findable_of(actor)
    if findable is None:
        return []
    cards = _worker_cards(FindableWorker.objects.filter(pk=findable.pk))
    occupations = cards[0].matchable_occupations() if cards else frozenset()
    if not occupations:
        return []
    vacancies = {v.pk: v for v in published_vacancies().filter(occupation__in=occupations)}
    matches = top_vacancies(cards[0], [vacancy_card(v) for v in vacancies.values()], k=k)
    return [(vacancies[m.vacancy_id], m) for m in matches]


def own_applications(actor: Actor) -> QuerySet[Application]:
    if not actor.is_authenticated:
        return Application.objects.none()
    return Application.objects.filter(worker_id=actor.pk).select_related("vacancy")


def get_own_application_for(actor: Actor, application_id: int) -> Application:
    application = own_applications(actor).filter(pk=application_id).first()
    if application is None:
        raise Http404
    return application


def get_applicant_for(actor: Actor, application_id: int) -> Application:
    """An application to a vacancy the actor manages (she applied), or 404."""
    application = (
        Application.objects.filter(pk=application_id, status__in=SHOWN_APPLICATIONS)
        .select_related("vacancy", "worker")
        .first()
    )
    if application is None or not can_manage_vacancy(actor, application.vacancy):
        raise Http404
    return application


# ---- named-back ---------------------------------------------------------------------


def returning_workers_of(actor: Actor, employer_organisation_id: int) -> QuerySet[SeasonEngagement]:
    """Workers who worked for the employer (the ones it may name)."""
    if employer_organisation_id not in employer_organisations_of(actor):
        return SeasonEngagement.objects.none()
    return SeasonEngagement.objects.filter(
        employer_organisation_id=employer_organisation_id
    ).select_related("worker")


def seasons_worked_for(actor: Actor) -> QuerySet[SeasonEngagement]:
    """Seasons worked for the actor's employers (the ones it evaluates at season end)."""
    return SeasonEngagement.objects.filter(
        employer_organisation_id__in=employer_organisations_of(actor)
    ).select_related("worker")


def get_season_worked_for(actor: Actor, engagement_id: int) -> SeasonEngagement:
    """One season worked for the actor's employer, or 404."""
    engagement = seasons_worked_for(actor).filter(pk=engagement_id).first()
    if engagement is None:
        raise Http404
    return engagement


def own_seasons(actor: Actor) -> QuerySet[SeasonEngagement]:
    """The seasons the actor worked (she evaluates her employer and housing)."""
    if not actor.is_authenticated:
        return SeasonEngagement.objects.none()
    return SeasonEngagement.objects.filter(worker_id=actor.pk).select_related("worker")


def get_own_season_for(actor: Actor, engagement_id: int) -> SeasonEngagement:
    """One of her own seasons, or 404."""
    engagement = own_seasons(actor).filter(pk=engagement_id).first()
    if engagement is None:
        raise Http404
    return engagement


def season_by_id(engagement_id: int) -> SeasonEngagement | None:
    """A season for a background job that already holds its id (no actor: authorise first)."""
    return SeasonEngagement.objects.select_related("worker").filter(pk=engagement_id).first()


def employer_requests_of(actor: Actor) -> QuerySet[NamedRequest]:
    """The named requests of the actor's employers."""
    return NamedRequest.objects.filter(
        employer_organisation_id__in=employer_organisations_of(actor)
    ).select_related("worker")


def employer_status(request: NamedRequest) -> str:
    """What the employer is told: waiting, approved or "not available" (never who said no)."""
    if request.status in (NamedStatus.WORKER_DECLINED, NamedStatus.LIAISON_REFUSED):
        return "not-available"
    return "approved" if request.status == NamedStatus.APPROVED else "waiting"


def requests_to_worker(actor: Actor) -> QuerySet[NamedRequest]:
    if not actor.is_authenticated:
        return NamedRequest.objects.none()
    return NamedRequest.objects.filter(worker_id=actor.pk, replaced_by=None)


def get_request_to_worker_for(actor: Actor, request_id: int) -> NamedRequest:
    request = requests_to_worker(actor).filter(pk=request_id).first()
    if request is None:
        raise Http404
    return request


def liaison_queue(actor: Actor) -> QuerySet[NamedRequest]:
    """Requests the actor's consulate decides on (her confirmation given)."""
    return NamedRequest.objects.filter(
        liaison_organisation_id__in=liaison_organisations_of(actor),
        status=NamedStatus.WAITING_LIAISON,
    ).select_related("worker")


def get_liaison_request_for(actor: Actor, request_id: int) -> NamedRequest:
    request = (
        NamedRequest.objects.filter(
            pk=request_id, liaison_organisation_id__in=liaison_organisations_of(actor)
        )
        .select_related("worker")
        .first()
    )
    if request is None:
        raise Http404
    return request


def liaison_choices() -> list[tuple[int, str]]:
    """The consulates an employer may send a named request to."""
    return list(organisations_of_kind("consulate").values_list("pk", "name"))


def not_named_offers_of(actor: Actor) -> QuerySet[SeasonEngagement]:
    """Her seasons that were good and not named back (her options)."""
    if not actor.is_authenticated:
        return SeasonEngagement.objects.none()
    return SeasonEngagement.objects.filter(
        worker_id=actor.pk, good_season=True, not_named_offered_on__isnull=False
    )


def get_own_offer_for(actor: Actor, engagement_id: int) -> SeasonEngagement:
    engagement = not_named_offers_of(actor).filter(pk=engagement_id).first()
    if engagement is None:
        raise Http404
    return engagement


@dataclass(frozen=True)
class NamedBackRate:
    employer: str
    year: int
    eligible: int
    named: int | None  # None: hidden under the threshold

    @property
    def percent(self) -> int | None:
        return None if self.named is None else round(100 * self.named / self.eligible)


def named_back_rates(actor: Actor) -> list[NamedBackRate]:
    """Per employer and season: workers with a good season and how many were named back.
    Shown only where the eligible count reaches the suppression threshold."""
    if not can_see_named_back_rates(actor):
        raise Http404
    threshold = settings.JUNTOS_SUPPRESSION_THRESHOLD
    named = NamedRequest.objects.exclude(
        status__in=[NamedStatus.WORKER_DECLINED, NamedStatus.LIAISON_REFUSED]
    ).values_list("worker_id", "employer_organisation_id", "season_year")
    named_keys = set(named)
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for worker_id, employer_id, year in SeasonEngagement.objects.filter(
        good_season=True
    ).values_list("worker_id", "employer_organisation_id", "year"):
        cell = counts[(employer_id, year)]
        cell[0] += 1
        cell[1] += (worker_id, employer_id, year + 1) in named_keys
    names = organisation_names({employer for employer, _year in counts})
    return [
        NamedBackRate(
            names.get(employer, "?"),
            year,
            eligible,
            named_count if eligible >= threshold else None,
        )
        for (employer, year), (eligible, named_count) in sorted(counts.items())
    ]


# ---- referrals -----------------------------------------------------------------------


def referrals_for(actor: Actor) -> QuerySet[Referral]:
    """Referrals the actor may see: hers, her organisation's, or those sent to her organisation."""
    if not actor.is_authenticated:
        return Referral.objects.none()
    own_orgs = {m.organisation_id for m in memberships_of(actor)}
    return (
        Referral.objects.filter(
            Q(worker_id=actor.pk)
            | Q(referring_organisation_id__in=referring_organisations_of(actor))
            | Q(home_organisation_id__in=own_orgs)
        )
        .select_related("worker")
        .prefetch_related("follow_ups")
    )


def get_referral_for(actor: Actor, referral_id: int) -> Referral:
    referral = referrals_for(actor).filter(pk=referral_id).first()
    if referral is None or not can_view_referral(actor, referral):
        raise Http404
    return referral


def home_organisation_choices() -> list[tuple[int, str]]:
    """Organisations at home that take referrals (microcredit, training, support)."""
    kinds = ("microfinance", "training-provider", "support-nonprofit")
    return list(
        public_organisations().filter(kind__in=kinds).order_by("name").values_list("pk", "name")
    )


def referable_workers(actor: Actor) -> list[tuple[int, str]]:
    """Workers whose profile is shared with the caseworker's organisation."""
    rows = advisees_for(actor).filter(user__isnull=False).values_list("user_id", "display_name")
    return [(int(user_id), name) for user_id, name in rows if user_id is not None]


def get_referable_worker_for(actor: Actor, user_id: int) -> SignedIn:
    """A worker whose profile is shared with the actor's organisation, or 404."""
    profile = advisees_for(actor).filter(user_id=user_id).select_related("user").first()
    if profile is None or profile.user is None:
        raise Http404
    return profile.user


# ---- technical visits ---------------------------------------------------------------


def visits_for(actor: Actor) -> QuerySet[VisitRequest]:
    """Open visit requests (for volunteers with an account) and the actor's organisation's."""
    if not actor.is_authenticated:
        return VisitRequest.objects.none()
    own = visit_host_organisations_of(actor)
    return VisitRequest.objects.filter(
        Q(status=VisitStatus.OPEN) | Q(organisation_id__in=own)
    ).select_related("volunteer__user")


def get_visit_for(actor: Actor, visit_id: int) -> VisitRequest:
    visit = visits_for(actor).filter(pk=visit_id).first()
    if visit is None:
        raise Http404
    return visit


@dataclass(frozen=True)
class VolunteerFit:
    offer: VolunteerOffer
    shared_expertise: list[str]
    speaks_language: bool
    overlap_days: int


def volunteers_for(actor: Actor, visit: VisitRequest) -> list[VolunteerFit]:
    """Cleared volunteers whose expertise and dates overlap the request, best first."""
    if not can_manage_visit(actor, visit):
        raise Http404
    fits = []
    offers = VolunteerOffer.objects.filter(
        vetting=Vetting.CLEARED,
        available_from__lte=visit.ends_on,
        available_to__gte=visit.starts_on,
    ).select_related("user")
    for offer in offers:
        shared = sorted(set(offer.expertise) & set(visit.expertise))
        if not shared:
            continue
        start = max(offer.available_from, visit.starts_on)
        end = min(offer.available_to, visit.ends_on)
        fits.append(
            VolunteerFit(offer, shared, visit.language in offer.languages, (end - start).days + 1)
        )
    fits.sort(key=lambda f: (-len(f.shared_expertise), not f.speaks_language, -f.overlap_days))
    return fits


def volunteer_offer_of(actor: Actor) -> VolunteerOffer | None:
    if not actor.is_authenticated:
        return None
    return VolunteerOffer.objects.filter(user_id=actor.pk).first()


def volunteers_to_vet(actor: Actor) -> QuerySet[VolunteerOffer]:
    if not can_vet_volunteers(actor):
        return VolunteerOffer.objects.none()
    return VolunteerOffer.objects.filter(vetting=Vetting.PENDING).select_related("user")


def get_volunteer_to_vet_for(actor: Actor, offer_id: int) -> VolunteerOffer:
    offer = volunteers_to_vet(actor).filter(pk=offer_id).first()
    if offer is None:
        raise Http404
    return offer


def get_choosable_volunteer_for(actor: Actor, visit: VisitRequest, offer_id: int) -> VolunteerOffer:
    fit = next((f for f in volunteers_for(actor, visit) if f.offer.pk == offer_id), None)
    if fit is None:
        raise Http404
    return fit.offer


def vacancy_titled(employer_organisation_id: int, title: str) -> Vacancy | None:
    """The employer's vacancy of exactly this title (for seeding the demo)."""
    return Vacancy.objects.filter(
        employer_organisation_id=employer_organisation_id, title=title
    ).first()


# --- labour-need signals (read by the research app, which publishes only suppressed totals) ---


@dataclass(frozen=True)
class DemandRow:
    """One position asked for: a published vacancy or a named-worker request."""

    occupation: str  # NOC 2021; "" when the request does not say (named requests)
    province: str
    starts_on: dt.date
    opened_on: dt.date | None  # the vacancy's publication; None for a named request
    filled_on: dt.date | None  # when the worker who was hired applied; approval for named


def labour_demand_rows(start: dt.date, end: dt.date) -> list[DemandRow]:
    """Positions whose work starts in [start, end): vacancies that were published, and named
    requests (province from the employer organisation). Two queries whatever the number."""
    vacancies = (
        Vacancy.objects.filter(
            starts_on__gte=start,
            starts_on__lt=end,
            status__in=(VacancyStatus.PUBLISHED, VacancyStatus.CLOSED),
        )
        .annotate(
            hired_at=Min(
                "applications__created_at",
                filter=Q(applications__status=ApplicationStatus.HIRED),
            )
        )
        .values_list("occupation", "province", "starts_on", "published_on", "hired_at")
    )
    rows = [
        DemandRow(occupation, province, starts_on, published, hired.date() if hired else None)
        for occupation, province, starts_on, published, hired in vacancies
    ]
    named = NamedRequest.objects.filter(
        starts_on__gte=start, starts_on__lt=end, replaced_by__isnull=True
    ).values_list("employer_organisation_id", "starts_on", "status")
    named_rows = list(named)
    provinces = dict(
        public_organisations()
        .filter(pk__in={row[0] for row in named_rows})
        .values_list("pk", "province")
    )
    rows += [
        DemandRow("", provinces.get(employer, ""), starts_on, None, None)
        if status != NamedStatus.APPROVED
        else DemandRow("", provinces.get(employer, ""), starts_on, None, starts_on)
        for employer, starts_on, status in named_rows
    ]
    return rows


def labour_supply_rows(
    start: dt.date, end: dt.date
) -> list[tuple[int, dt.date, dt.date, list[str]]]:
    """(user id, available from, available to, provinces) of every worker who opted in to be
    found and is available some day in [start, end); no provinces means anywhere."""
    findable = FindableWorker.objects.filter(
        available_from__lt=end, available_to__gte=start
    ).values_list("user_id", "available_from", "available_to", "provinces")
    return [
        (user, begins, ends, list(provinces or [])) for user, begins, ends, provinces in findable
    ]
