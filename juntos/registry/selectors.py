"""Reads of the registry. Entries and published reviews are public; the rest authorises."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from juntos.accounts.actors import Actor
from juntos.accounts.selectors import memberships_of
from juntos.registry.anonymity import reviewer_key_for
from juntos.registry.choices import ReviewStatus
from juntos.registry.models import (
    Employer,
    EmployerSite,
    NonComplianceRecord,
    Recruiter,
    RecruiterLicence,
    RecruiterReview,
    RegistryImport,
    Review,
    ReviewReply,
)
from juntos.registry.policies import (
    can_moderate_reviews,
    can_reply_to_review,
    can_review_recruiter,
    can_review_site,
)
from juntos.registry.search import candidate_filter, rank, shared_pieces

CANDIDATE_CAP = 500


@dataclass(frozen=True)
class EmployerSiteRef:
    """What other apps need to name a site without touching registry models."""

    id: int
    employer_name: str
    site_name: str
    province: str


@dataclass(frozen=True)
class LicenceStatusRef:
    """A recruiter's licence in one province, as the registry last saw it."""

    recruiter_id: int
    recruiter_name: str
    recruiter_slug: str
    province: str
    number: str
    status: str
    expires_on: dt.date | None
    in_good_standing: bool


def _site_ref(site: EmployerSite) -> EmployerSiteRef:
    return EmployerSiteRef(
        id=site.pk,
        employer_name=site.employer.display_name,
        site_name=site.name,
        province=site.province,
    )


_Entry = TypeVar("_Entry", bound=Model)


def _ranked(queryset: QuerySet[_Entry], query: str, limit: int) -> list[int]:
    condition = candidate_filter(query)
    if condition is None:
        return []
    keyed = (
        queryset.filter(condition)
        .annotate(shared=shared_pieces(query))
        .order_by("-shared", "id")
        .values_list("id", "search_key")[:CANDIDATE_CAP]
    )
    return rank(query, keyed, limit=limit)


def _in_order(queryset: QuerySet[_Entry], ids: list[int]) -> list[_Entry]:
    found = queryset.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def search_employer_sites(
    query: str, *, province: str = "", limit: int = 10
) -> list[EmployerSiteRef]:
    """Sites whose employer or site name resembles the query, best first (public)."""
    sites = EmployerSite.objects.all()
    if province:
        sites = sites.filter(province=province.upper())
    ids = _ranked(sites, query, limit)
    return [_site_ref(s) for s in _in_order(EmployerSite.objects.select_related("employer"), ids)]


def employer_site_ref(site_id: int) -> EmployerSiteRef | None:
    """The named reference for one site id, or None when there is no such site."""
    site = EmployerSite.objects.select_related("employer").filter(pk=site_id).first()
    return _site_ref(site) if site else None


def search_employers(query: str, *, province: str = "", limit: int = 20) -> list[Employer]:
    """Employers resembling the query, best first, with their sites (public)."""
    employers = Employer.objects.all()
    if province:
        employers = employers.filter(sites__province=province.upper()).distinct()
    ids = _ranked(employers, query, limit)
    return _in_order(Employer.objects.prefetch_related("sites", "noncompliance_records"), ids)


def search_recruiters(query: str, *, province: str = "", limit: int = 20) -> list[Recruiter]:
    """Recruiters resembling the query, best first, with their licences (public)."""
    recruiters = Recruiter.objects.all()
    if province:
        recruiters = recruiters.filter(licences__province=province.upper()).distinct()
    ids = _ranked(recruiters, query, limit)
    return _in_order(Recruiter.objects.prefetch_related("licences__source_import"), ids)


def licence_in_good_standing(licence: RecruiterLicence, on: dt.date | None = None) -> bool:
    """Listed as licensed and not past its expiry date."""
    return licence.in_good_standing_on(on or timezone.localdate())


def recruiter_licence_status(
    name: str, *, province: str, on: dt.date | None = None
) -> LicenceStatusRef | None:
    """The licence in `province` of the recruiter best matching `name`, or None if unlicensed.

    None means: no recruiter by a similar name holds a licence in that province in the registry.
    """
    province = province.upper()
    for recruiter in search_recruiters(name, province=province, limit=1):
        licence = next(lic for lic in recruiter.licences.all() if lic.province == province)
        return LicenceStatusRef(
            recruiter_id=recruiter.pk,
            recruiter_name=recruiter.name,
            recruiter_slug=recruiter.slug,
            province=province,
            number=licence.number,
            status=licence.status,
            expires_on=licence.expires_on,
            in_good_standing=licence_in_good_standing(licence, on),
        )
    return None


def _published_reviews() -> QuerySet[Review]:
    # Random (UUID) order within a season: the order of submission could hint at the author.
    return (
        Review.objects.filter(published_on__isnull=False)
        .select_related("site")
        .order_by("-season", "id")
    )


def _approved_replies() -> Prefetch[str, QuerySet[ReviewReply], str]:
    """Sets `approved_replies` (zero or one reply): the only replies the public ever sees."""
    approved = ReviewReply.objects.filter(status=ReviewStatus.APPROVED)
    return Prefetch("replies", queryset=approved, to_attr="approved_replies")


def _public_reviews() -> QuerySet[Review]:
    return _published_reviews().prefetch_related(_approved_replies())


def employer_by_slug(slug: str) -> Employer:
    """A public employer page's entry with sites, official records and published reviews."""
    records = NonComplianceRecord.objects.select_related("source_import")
    employer = (
        Employer.objects.prefetch_related(
            "sites",
            Prefetch("noncompliance_records", queryset=records),
            Prefetch("reviews", queryset=_public_reviews(), to_attr="published_reviews"),
        )
        .filter(slug=slug)
        .first()
    )
    if employer is None:
        raise Http404
    return employer


def recruiter_by_slug(slug: str) -> Recruiter:
    """A public recruiter page's entry with its licences, where each was listed, and its
    published reviews (in random order within a season, like site reviews)."""
    published = RecruiterReview.objects.filter(published_on__isnull=False).order_by("-season", "id")
    recruiter = (
        Recruiter.objects.prefetch_related(
            "licences__source_import",
            Prefetch("reviews", queryset=published, to_attr="published_reviews"),
        )
        .filter(slug=slug)
        .first()
    )
    if recruiter is None:
        raise Http404
    return recruiter


def get_site_to_review_for(actor: Actor, site_id: int) -> EmployerSite:
    """A site the actor may review; 404 for unknown sites, 403 for people who may not review."""
    site = EmployerSite.objects.select_related("employer").filter(pk=site_id).first()
    if site is None:
        raise Http404
    if not can_review_site(actor, site):
        raise PermissionDenied
    return site


def get_recruiter_to_review_for(actor: Actor, slug: str) -> Recruiter:
    """A recruiter the actor may review; 404 for unknown ones, 403 for people who may not."""
    recruiter = Recruiter.objects.filter(slug=slug).first()
    if recruiter is None:
        raise Http404
    if not can_review_recruiter(actor, recruiter):
        raise PermissionDenied
    return recruiter


_Reviewed = TypeVar("_Reviewed", Review, RecruiterReview)


def _own_of(
    model: type[_Reviewed], actor: Actor, season: int, **subject: Model
) -> _Reviewed | None:
    """The actor's own review of this subject in this season, found through the keyed hash."""
    return model._default_manager.filter(
        **subject, season=season, reviewer_key=reviewer_key_for(actor)
    ).first()


def _pending_queue(model: type[_Reviewed], actor: Actor, *subject: str) -> QuerySet[_Reviewed]:
    """Reviews waiting for moderation with what they are about, oldest first; for moderators."""
    if not can_moderate_reviews(actor):
        raise PermissionDenied
    return (
        model._default_manager.filter(status=ReviewStatus.PENDING)
        .select_related(*subject)
        .order_by("submitted_on", "id")
    )


def _pending_one(model: type[_Reviewed], actor: Actor, review_id: uuid.UUID | str) -> _Reviewed:
    """One review waiting for moderation; 404 for anyone but a moderator or anything else."""
    if not can_moderate_reviews(actor):
        raise Http404
    review = model._default_manager.filter(pk=review_id, status=ReviewStatus.PENDING).first()
    if review is None:
        raise Http404
    return review


def own_recruiter_review_of(
    actor: Actor, recruiter: Recruiter, season: int
) -> RecruiterReview | None:
    """The actor's own review of this recruiter in this season, found through the keyed hash."""
    return _own_of(RecruiterReview, actor, season, recruiter=recruiter)


def pending_recruiter_reviews_for(actor: Actor) -> QuerySet[RecruiterReview]:
    """Reviews of recruiters waiting for moderation, oldest first; only for moderators."""
    return _pending_queue(RecruiterReview, actor, "recruiter").defer("reviewer_key")


def get_pending_recruiter_review_for(actor: Actor, review_id: uuid.UUID | str) -> RecruiterReview:
    """One review of a recruiter waiting for moderation; 404 for anyone else or anything else."""
    return _pending_one(RecruiterReview, actor, review_id)


def own_review_of(actor: Actor, employer: Employer, season: int) -> Review | None:
    """The actor's own review of this employer in this season, found through the keyed hash."""
    return _own_of(Review, actor, season, employer=employer)


def pending_reviews_for(actor: Actor) -> QuerySet[Review]:
    """The moderation queue, oldest first; only for moderators. Carries no author."""
    return _pending_queue(Review, actor, "site", "employer")


def pending_replies_for(actor: Actor) -> QuerySet[ReviewReply]:
    """Employers' replies waiting for moderation, oldest first, with the review each answers.

    Only for moderators. The answered review is already published; its author is never loaded.
    """
    if not can_moderate_reviews(actor):
        raise PermissionDenied
    return (
        ReviewReply.objects.filter(status=ReviewStatus.PENDING)
        .select_related("review__site", "review__employer")
        .defer("review__reviewer_key")
        .order_by("replied_on", "id")
    )


def get_pending_review_for(actor: Actor, review_id: uuid.UUID | str) -> Review:
    """One review waiting for moderation; 404 for anyone else or anything else."""
    return _pending_one(Review, actor, review_id)


def get_pending_reply_for(actor: Actor, reply_id: int) -> ReviewReply:
    """One reply waiting for moderation; 404 for anyone else or anything else."""
    if not can_moderate_reviews(actor):
        raise Http404
    reply = (
        ReviewReply.objects.filter(pk=reply_id, status=ReviewStatus.PENDING)
        .select_related("review__employer")
        .first()
    )
    if reply is None:
        raise Http404
    return reply


def get_review_to_reply_for(actor: Actor, review_id: uuid.UUID | str) -> Review:
    """A published review the actor's organisation may answer; 404 otherwise."""
    review = _published_reviews().select_related("employer").filter(pk=review_id).first()
    if review is None or not can_reply_to_review(actor, review):
        raise Http404
    return review


def entries_spoken_for_by(actor: Actor) -> tuple[list[Employer], list[Recruiter]]:
    """Employer and recruiter entries linked to the actor's organisations."""
    organisation_ids = {m.organisation_id for m in memberships_of(actor)}
    if not organisation_ids:
        return [], []
    records = NonComplianceRecord.objects.select_related("source_import")
    # The organisation sees its own replies in every state: pending, approved and rejected.
    own_replies = Prefetch("replies", queryset=ReviewReply.objects.all(), to_attr="own_replies")
    reviews = _published_reviews().prefetch_related(own_replies)
    employers = Employer.objects.filter(organisation_id__in=organisation_ids).prefetch_related(
        "sites",
        Prefetch("noncompliance_records", queryset=records),
        Prefetch("reviews", queryset=reviews, to_attr="published_reviews"),
    )
    recruiters = Recruiter.objects.filter(organisation_id__in=organisation_ids).prefetch_related(
        "licences__source_import"
    )
    return list(employers), list(recruiters)


def official_list_imported(*, kind: str, province: str, filename: str) -> bool:
    """Whether a list file of that name was already imported (keeps demo seeding idempotent)."""
    return RegistryImport.objects.filter(kind=kind, province=province, filename=filename).exists()


def employer_by_name(name: str) -> Employer | None:
    """The employer whose legal or operating name is exactly this one (for seeding)."""
    return (
        Employer.objects.filter(legal_name=name).first()
        or Employer.objects.filter(operating_name=name).first()
    )


def recruiter_by_name(name: str) -> Recruiter | None:
    """The recruiter with exactly this name (for seeding)."""
    return Recruiter.objects.filter(name=name).first()


def official_list_sources(limit: int = 8) -> list[RegistryImport]:
    """The newest import of each official list (kind and province), newest first (public)."""
    newest: dict[tuple[str, str], RegistryImport] = {}
    for batch in RegistryImport.objects.order_by("-source_date", "-imported_at")[:100]:
        newest.setdefault((batch.kind, batch.province), batch)
    return list(newest.values())[:limit]


@dataclass(frozen=True)
class NonComplianceRef:
    """An employer's latest entry on the federal list of non-compliant employers."""

    employer_name: str
    listed_name: str
    decision_date: dt.date
    source: str
    status: str  # as the list gives it: "Eligible", "Ineligible", "Ineligible - unpaid penalty"

    @property
    def ineligible(self) -> bool:
        """Banned from hiring (or until a penalty is paid), as the list says."""
        return self.status.strip().casefold().startswith("ineligible")


def noncompliance_of_organisation(organisation_id: int) -> NonComplianceRef | None:
    """The latest non-compliance record of the employer entry linked to an organisation."""
    record = (
        NonComplianceRecord.objects.filter(employer__organisation_id=organisation_id)
        .select_related("employer", "source_import")
        .order_by("-decision_date")
        .first()
    )
    if record is None:
        return None
    return NonComplianceRef(
        employer_name=record.employer.display_name,
        listed_name=record.listed_name,
        decision_date=record.decision_date,
        source=record.source_import.source,
        status=record.status,
    )


def licence_of_organisation(
    organisation_id: int, *, province: str, on: dt.date | None = None
) -> LicenceStatusRef | None:
    """The licence in `province` of the recruiter entry linked to an organisation, or None."""
    licence = (
        RecruiterLicence.objects.filter(
            recruiter__organisation_id=organisation_id, province=province.upper()
        )
        .select_related("recruiter")
        .first()
    )
    if licence is None:
        return None
    return LicenceStatusRef(
        recruiter_id=licence.recruiter.pk,
        recruiter_name=licence.recruiter.name,
        recruiter_slug=licence.recruiter.slug,
        province=licence.province,
        number=licence.number,
        status=licence.status,
        expires_on=licence.expires_on,
        in_good_standing=licence_in_good_standing(licence, on),
    )
