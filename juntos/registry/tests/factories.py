"""Factories for registry rows; they go through the services so search keys stay right."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from juntos.registry import services
from juntos.registry.choices import LicenceStatus, Rating, ReviewStatus, YesNo
from juntos.registry.models import (
    Employer,
    EmployerSite,
    Recruiter,
    RecruiterLicence,
    RecruiterReview,
    RegistryImport,
    Review,
)
from juntos.registry.search import search_key

_numbers = itertools.count(1)


def employer(
    legal_name: str = "", *, operating_name: str = "", organisation_id: int | None = None
) -> Employer:
    return services.employer_create(
        actor=None,
        legal_name=legal_name or f"Employer {next(_numbers)} Ltd.",
        operating_name=operating_name,
        programs=["sawp-mx"],
        organisation_id=organisation_id,
    )


def site(
    owner: Employer | None = None, *, name: str = "", province: str = "BC", city: str = ""
) -> EmployerSite:
    return services.employer_site_add(
        actor=None,
        employer=owner or employer(),
        name=name or f"Farm {next(_numbers)}",
        province=province,
        city=city,
    )


def recruiter(
    name: str = "", *, business_name: str = "", organisation_id: int | None = None
) -> Recruiter:
    return services.recruiter_create(
        actor=None,
        name=name or f"Recruiter {next(_numbers)}",
        business_name=business_name,
        organisation_id=organisation_id,
    )


def licence(
    owner: Recruiter | None = None,
    *,
    province: str = "BC",
    status: str = LicenceStatus.ACTIVE,
    expires_on: dt.date | None = None,
) -> RecruiterLicence:
    source = RegistryImport.objects.create(
        kind="recruiters",
        province=province,
        source="test list",
        source_date=timezone.localdate(),
        filename="test.csv",
    )
    owner = owner or recruiter()
    made = RecruiterLicence.objects.create(
        recruiter=owner,
        province=province,
        number=f"L-{next(_numbers)}",
        status=status,
        expires_on=expires_on,
        source_import=source,
    )
    owner.search_key = search_key(owner.name, owner.business_name, made.number)
    owner.save(update_fields=["search_key"])
    return made


def review_row(
    target: EmployerSite,
    *,
    reviewer: str = "",
    status: str = ReviewStatus.PENDING,
    published: bool = False,
    text: str = "",
    **fields: Any,
) -> Review:
    """A review row written directly, with an arbitrary reviewer key (not a real account)."""
    today = timezone.localdate()
    values: dict[str, Any] = {
        "fee_charged": YesNo.NO,
        "contract_matched": Rating.GOOD,
        "paid_on_time": Rating.GOOD,
        "housing": Rating.MIXED,
        "respect_safety": Rating.GOOD,
        "season": today.year,
        **fields,
    }
    return Review.objects.create(
        site=target,
        employer=target.employer,
        reviewer_key=reviewer or f"key-{next(_numbers)}",
        status=ReviewStatus.APPROVED if published else status,
        published_on=today if published else None,
        submitted_on=today,
        text=text,
        **values,
    )


def recruiter_review_row(
    target: Recruiter,
    *,
    reviewer: str = "",
    status: str = ReviewStatus.PENDING,
    published: bool = False,
    text: str = "",
) -> RecruiterReview:
    """A review of a recruiter written directly, with an arbitrary reviewer key."""
    today = timezone.localdate()
    return RecruiterReview.objects.create(
        recruiter=target,
        reviewer_key=reviewer or f"key-{next(_numbers)}",
        season=today.year,
        fee_charged=YesNo.NO,
        promise_kept=Rating.GOOD,
        explained_clearly=Rating.MIXED,
        respect=Rating.GOOD,
        status=ReviewStatus.APPROVED if published else status,
        published_on=today if published else None,
        submitted_on=today,
        text=text,
    )
