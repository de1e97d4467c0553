"""Demo registry: carl's and rita's entries, the sample official lists, and worker reviews."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.utils import timezone

from juntos.accounts.choices import Channel, Sector
from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.accounts.services import person_create
from juntos.demo.personas import DEMO_PASSWORD
from juntos.registry import selectors, services
from juntos.registry.choices import ImportKind, Rating, YesNo

if TYPE_CHECKING:
    from juntos.accounts.models import User
    from juntos.registry.models import Employer, EmployerSite

SAMPLES = Path(__file__).resolve().parent.parent / "registry" / "samples"
LISTS = [
    (ImportKind.NONCOMPLIANT, "CA", "noncompliant-employers.csv"),
    (ImportKind.RECRUITERS, "BC", "recruiters-bc.csv"),
    (ImportKind.RECRUITERS, "MB", "recruiters-mb.csv"),
]
# Three extra workers so that the demo shows a site past the publication threshold.
REVIEWERS = ["+12505550191", "+12505550192", "+12505550193"]


def _employer(
    legal: str, operating: str, site: str, city: str, organisation_id: int | None = None
) -> Employer:
    found = selectors.employer_by_name(legal)
    if found is None:
        found = services.employer_create(
            actor=None,
            legal_name=legal,
            operating_name=operating,
            programs=["sawp-mx", "sawp-car"],
            organisation_id=organisation_id,
        )
        services.employer_site_add(actor=None, employer=found, name=site, province="BC", city=city)
    return found


def _reviewer(phone: str, number: int) -> User:
    return user_by_identifier(phone) or person_create(
        actor=None,
        display_name=f"Demo worker {number}",
        password=DEMO_PASSWORD,
        phone=phone,
        language="es",
        channel=Channel.SMS,
        sector=Sector.MIGRANT_WORKER,
        province="BC",
    )


def _review(person: User, site: EmployerSite, text: str, *, paid: int = Rating.GOOD) -> None:
    season = timezone.localdate().year
    if selectors.own_review_of(person, site.employer, season):
        return
    services.review_submit(
        actor=person,
        site=site,
        season=season,
        fee_charged=YesNo.NO,
        contract_matched=Rating.GOOD,
        paid_on_time=paid,
        housing=Rating.MIXED,
        respect_safety=Rating.GOOD,
        text=text,
    )


def seed(people: dict[str, User]) -> None:
    """Idempotent: entries are found by name, lists by file name, reviews by worker and season."""
    orgs = organisations_by_slug(["okanagan-orchards", "pacific-agri-recruitment"])
    okanagan = _employer(
        "Okanagan Orchards Ltd.",
        "",
        "Kelowna orchard",
        "Kelowna",
        orgs["okanagan-orchards"].pk,
    )
    agricola = _employer("Agrícola del Valle Ltd.", "Agrícola del Valle", "Fraser farm", "Delta")
    if selectors.recruiter_by_name("Pacific Agricultural Recruitment Services") is None:
        services.recruiter_create(
            actor=None,
            name="Pacific Agricultural Recruitment Services",
            organisation_id=orgs["pacific-agri-recruitment"].pk,
        )
    for kind, province, filename in LISTS:
        if not selectors.official_list_imported(kind=kind, province=province, filename=filename):
            services.official_list_import(
                actor=None,
                kind=kind,
                province=province,
                text=(SAMPLES / filename).read_text(encoding="utf-8"),
                filename=filename,
                source=f"Sample data shipped with Juntos ({filename}), not an official list",
                source_date=timezone.localdate(),
                sample=True,
            )
    workers = [_reviewer(phone, n) for n, phone in enumerate(REVIEWERS, start=1)]
    texts = [
        "Buen trabajo y buen trato. Las horas fueron las prometidas.",
        "El pago llegó a tiempo. La casa estaba llena pero limpia.",
        "",
    ]
    site = okanagan.sites.first()
    if site is not None:
        for person, text in zip(workers, texts, strict=True):
            _review(person, site, text)
    agricola_site = agricola.sites.first()
    if agricola_site is not None:
        _review(workers[0], agricola_site, "Nos descontaron más de lo acordado.", paid=Rating.MIXED)
    for pending in list(selectors.pending_reviews_for(people["ben"])):
        if pending.site_id == getattr(site, "pk", None):
            services.review_moderate(actor=people["ben"], review=pending, approve=True)
