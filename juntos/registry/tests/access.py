"""Every registry URL and API operation, and who may use it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.registry import services
from juntos.registry.tests import factories
from juntos.testing.access import EVERYONE, Access


def carls_site(p: Any) -> Any:
    """A site of an employer linked to carl's organisation (okanagan-orchards)."""
    organisation = organisations_by_slug(["okanagan-orchards"])["okanagan-orchards"]
    owner = factories.employer("Access Orchards Ltd.", organisation_id=organisation.pk)
    return factories.site(owner, name="Access orchard")


def employer_kwargs(p: Any) -> dict[str, Any]:
    return {"slug": carls_site(p).employer.slug}


def recruiter_kwargs(p: Any) -> dict[str, Any]:
    recruiter = factories.recruiter("Access Recruiting")
    factories.licence(recruiter, expires_on=dt.date(2099, 1, 1))
    return {"slug": recruiter.slug}


def ritas_recruiter_kwargs(p: Any) -> dict[str, Any]:
    """A recruiter entry linked to rita's firm: workers may review it, rita may not."""
    firm = organisations_by_slug(["pacific-agri-recruitment"])["pacific-agri-recruitment"]
    return {"slug": factories.recruiter("Access Agency", organisation_id=firm.pk).slug}


def pending_recruiter_review_kwargs(p: Any) -> dict[str, Any]:
    return {"review_id": factories.recruiter_review_row(factories.recruiter()).pk}


def recruiter_review_data(p: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    return {
        "season": timezone.localdate().year,
        "fee_charged": "no",
        "promise_kept": 3,
        "explained_clearly": 2,
        "respect": 3,
        "text": "",
    }


def site_kwargs(p: Any) -> dict[str, Any]:
    return {"site_id": carls_site(p).pk}


def pending_kwargs(p: Any) -> dict[str, Any]:
    return {"review_id": factories.review_row(carls_site(p)).pk}


def published_kwargs(p: Any) -> dict[str, Any]:
    return {"review_id": factories.review_row(carls_site(p), published=True).pk}


def pending_reply_kwargs(p: Any) -> dict[str, Any]:
    """A reply by carl to a published review of his site, waiting for moderation."""
    review = factories.review_row(carls_site(p), published=True)
    reply = services.review_reply(actor=p.carl, review=review, body="We fixed the housing.")
    return {"reply_id": reply.pk}


def link_entries(p: Any) -> dict[str, Any]:
    """Registry entries for carl's employer and rita's recruiting firm, as the seed makes them."""
    orgs = organisations_by_slug(["okanagan-orchards", "pacific-agri-recruitment"])
    factories.employer("Mine Orchards Ltd.", organisation_id=orgs["okanagan-orchards"].pk)
    factories.recruiter("Mine Recruiting", organisation_id=orgs["pacific-agri-recruitment"].pk)
    return {}


def review_data(p: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    return {
        "season": timezone.localdate().year,
        "fee_charged": "no",
        "contract_matched": 3,
        "paid_on_time": 2,
        "housing": 3,
        "respect_safety": 3,
        "text": "",
    }


def moderation_data(p: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    return {f"{kwargs['review_id']}-decision": "approve", f"{kwargs['review_id']}-rule": ""}


def reply_moderation_data(p: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    return {
        f"reply-{kwargs['reply_id']}-decision": "approve",
        f"reply-{kwargs['reply_id']}-rule": "",
    }


def reply_data(p: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    return {f"{kwargs['review_id']}-body": "Thank you, we have fixed the housing."}


WORKERS = frozenset({"rosa"})
MODERATORS = frozenset({"ben"})

ACCESS = [
    Access("registry:index", allow=EVERYONE, query="?q=pasific", worker_page=True, key_page=True),
    Access(
        "registry:employer",
        allow=EVERYONE,
        kwargs=employer_kwargs,
        worker_page=True,
        key_page=True,
    ),
    Access(
        "registry:recruiter",
        allow=EVERYONE,
        kwargs=recruiter_kwargs,
        worker_page=True,
        key_page=True,
    ),
    Access("registry:rules", allow=EVERYONE, worker_page=True),
    Access(
        "registry:review",
        allow=WORKERS,
        kwargs=site_kwargs,
        worker_page=True,
        key_page=True,
        note="workers with an account (one review per worker per employer per season)",
    ),
    Access(
        "registry:review",
        method="POST",
        allow=WORKERS,
        kwargs=site_kwargs,
        data=review_data,
    ),
    Access(
        "registry:recruiter_review",
        allow=WORKERS,
        kwargs=ritas_recruiter_kwargs,
        worker_page=True,
        note="workers with an account; the recruiter's own people (rita) may not",
    ),
    Access(
        "registry:recruiter_review",
        method="POST",
        allow=WORKERS,
        kwargs=ritas_recruiter_kwargs,
        data=recruiter_review_data,
    ),
    Access(
        "registry:moderate_recruiter_review",
        method="POST",
        allow=MODERATORS,
        kwargs=pending_recruiter_review_kwargs,
        data=moderation_data,
        note="coordinators of the network secretariat",
    ),
    Access(
        "registry:moderation",
        allow=MODERATORS,
        note="coordinators of the network secretariat",
    ),
    Access(
        "registry:moderate",
        method="POST",
        allow=MODERATORS,
        kwargs=pending_kwargs,
        data=moderation_data,
    ),
    Access(
        "registry:moderate_reply",
        method="POST",
        allow=MODERATORS,
        kwargs=pending_reply_kwargs,
        data=reply_moderation_data,
        note="coordinators of the network secretariat; the reply's author (carl) may not",
    ),
    Access(
        "registry:mine",
        allow=frozenset({"carl", "rita"}),
        kwargs=link_entries,
        note="people of an organisation linked to a registry entry (the seed links carl and rita)",
    ),
    Access(
        "registry:reply",
        method="POST",
        allow=frozenset({"carl"}),
        kwargs=published_kwargs,
        data=reply_data,
    ),
    Access("GET /api/registry/sites", allow=EVERYONE, query="?q=orchard"),
    Access("GET /api/registry/employers", allow=EVERYONE, query="?q=orchard"),
    Access("GET /api/registry/employers/{slug}", allow=EVERYONE, kwargs=employer_kwargs),
    Access("GET /api/registry/recruiters", allow=EVERYONE, query="?q=recruiting"),
    Access("GET /api/registry/recruiters/{slug}", allow=EVERYONE, kwargs=recruiter_kwargs),
    Access(
        "POST /api/registry/recruiters/{slug}/reviews",
        method="POST",
        allow=WORKERS,
        kwargs=ritas_recruiter_kwargs,
        data=recruiter_review_data,
        note="workers; the recruiter's own people (rita) may not",
    ),
    Access(
        "POST /api/registry/sites/{site_id}/reviews",
        method="POST",
        allow=WORKERS,
        kwargs=site_kwargs,
        data=review_data,
        note="anonymous callers get 401 from the session authentication",
    ),
]
