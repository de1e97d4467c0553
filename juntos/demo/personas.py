"""The people and organisations of DESIGN.md, used by `seed_demo` and by the tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from juntos.accounts.choices import Channel, OrganisationKind, Role, Sector
from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.accounts.services import (
    membership_grant,
    operator_create,
    organisation_create,
    person_create,
)

if TYPE_CHECKING:
    from juntos.accounts.models import Organisation, User

DEMO_PASSWORD = "juntos-demo-2026"  # published demo credential, development only


@dataclass(frozen=True)
class OrganisationSpec:
    slug: str
    name: str
    kind: str
    province: str
    languages: str
    country: str = "CA"
    description: str = ""


@dataclass(frozen=True)
class PersonaSpec:
    key: str
    display_name: str
    email: str
    phone: str
    language: str
    channel: str
    sector: str
    province: str
    organisation: str = ""
    roles: tuple[str, ...] = ()
    is_superuser: bool = False


ORGANISATIONS = [
    OrganisationSpec(
        "fraser-valley-support",
        "Fraser Valley Migrant Worker Support",
        OrganisationKind.SUPPORT_NONPROFIT,
        "BC",
        "en,es",
        description="Support, counselling and case work for farm workers in the Fraser Valley.",
    ),
    OrganisationSpec(
        "mwsn-secretariat",
        "Migrant Worker Support Network — Secretariat",
        OrganisationKind.NETWORK_SECRETARIAT,
        "BC",
        "en,es,fr",
        description=(
            "Convenes the network's working groups and plenary, and runs its funding program."
        ),
    ),
    OrganisationSpec(
        "okanagan-orchards",
        "Okanagan Orchards Ltd.",
        OrganisationKind.EMPLOYER,
        "BC",
        "en",
        description="Tree-fruit grower in Kelowna employing about 40 seasonal workers.",
    ),
    OrganisationSpec(
        "pacific-agri-recruitment",
        "Pacific Agricultural Recruitment Services",
        OrganisationKind.RECRUITER,
        "BC",
        "en,es",
        description="Licensed foreign worker recruiter.",
    ),
    OrganisationSpec(
        "tfw-integrity",
        "Temporary Foreign Worker Program — Integrity Services",
        OrganisationKind.GOVERNMENT_AGENCY,
        "CA",
        "en,fr",
        description="Federal inspections of employers of temporary foreign workers.",
    ),
    OrganisationSpec(
        "niagara-workers-centre",
        "Niagara Workers' Centre",
        OrganisationKind.SUPPORT_NONPROFIT,
        "ON",
        "en,es,fr",
        description="Support for greenhouse and farm workers in the Niagara region.",
    ),
    OrganisationSpec(
        "consulado-vancouver",
        "Consulado General de México en Vancouver",
        OrganisationKind.CONSULATE,
        "BC",
        "es,en",
    ),
    OrganisationSpec(
        "valley-learning",
        "Valley Community Learning Centre",
        OrganisationKind.TRAINING_PROVIDER,
        "BC",
        "en,es",
        description="Evening and weekend English, financial literacy and safety courses.",
    ),
    OrganisationSpec(
        "fondo-oaxaca",
        "Fondo Comunitario de Oaxaca",
        OrganisationKind.MICROFINANCE,
        "",
        "es",
        country="MX",
        description="Microcredit for returning workers' small businesses.",
    ),
]

PERSONAS = [
    PersonaSpec(
        "rosa",
        "Rosa Hernández",
        "",
        "+12505550101",
        "es",
        Channel.SMS,
        Sector.MIGRANT_WORKER,
        "BC",
    ),
    PersonaSpec(
        "amina",
        "Amina Yusuf",
        "amina@fraservalley.example.org",
        "",
        "en",
        Channel.EMAIL,
        Sector.CIVIL_SOCIETY,
        "BC",
        "fraser-valley-support",
        (Role.CASEWORKER,),
    ),
    PersonaSpec(
        "ben",
        "Ben Tremblay",
        "ben@mwsn.example.org",
        "",
        "en",
        Channel.EMAIL,
        Sector.CIVIL_SOCIETY,
        "BC",
        "mwsn-secretariat",
        (Role.COORDINATOR,),
    ),
    PersonaSpec(
        "carl",
        "Carl Jensen",
        "carl@okanaganorchards.example.com",
        "",
        "en",
        Channel.EMAIL,
        Sector.EMPLOYER,
        "BC",
        "okanagan-orchards",
        (Role.MEMBER,),
    ),
    PersonaSpec(
        "rita",
        "Rita Alvarado",
        "rita@pacificagri.example.com",
        "",
        "es",
        Channel.EMAIL,
        Sector.INDUSTRY,
        "BC",
        "pacific-agri-recruitment",
        (Role.MEMBER,),
    ),
    PersonaSpec(
        "ines",
        "Inès Gagnon",
        "ines@integrity.example.gc.ca",
        "",
        "fr",
        Channel.EMAIL,
        Sector.GOVERNMENT,
        "BC",
        "tfw-integrity",
        (Role.INSPECTOR,),
    ),
    PersonaSpec(
        "dana",
        "Dana Okafor",
        "dana@niagaraworkers.example.org",
        "",
        "en",
        Channel.EMAIL,
        Sector.CIVIL_SOCIETY,
        "ON",
        "niagara-workers-centre",
        (Role.CASEWORKER,),
    ),
    PersonaSpec(
        "admin",
        "Platform Operator",
        "admin@juntos.example.org",
        "",
        "en",
        Channel.EMAIL,
        Sector.CIVIL_SOCIETY,
        "BC",
        is_superuser=True,
    ),
]


def ensure_organisations() -> dict[str, Organisation]:
    """Create the demo organisations that do not exist yet."""
    found = organisations_by_slug([spec.slug for spec in ORGANISATIONS])
    for spec in ORGANISATIONS:
        if spec.slug not in found:
            found[spec.slug] = organisation_create(
                actor=None,
                name=spec.name,
                slug=spec.slug,
                kind=spec.kind,
                province=spec.province,
                languages=spec.languages,
                country=spec.country,
                description=spec.description,
            )
    return found


def ensure_personas(*, password: str = DEMO_PASSWORD) -> dict[str, User]:
    """Create the personas, their organisations and roles; running twice changes nothing."""
    organisations = ensure_organisations()
    people: dict[str, User] = {}
    operator = _ensure_person(PERSONAS[-1], password, actor=None)
    for spec in PERSONAS:
        person = operator if spec.is_superuser else _ensure_person(spec, password, operator)
        people[spec.key] = person
        for role in spec.roles:
            membership_grant(
                actor=None, user=person, organisation=organisations[spec.organisation], role=role
            )
    return people


def _ensure_person(spec: PersonaSpec, password: str, actor: User | None) -> User:
    existing = user_by_identifier(spec.email or spec.phone)
    if existing is not None:
        return existing
    if spec.is_superuser:
        return operator_create(email=spec.email, password=password, display_name=spec.display_name)
    return person_create(
        actor=actor,
        display_name=spec.display_name,
        password=password,
        email=spec.email,
        phone=spec.phone,
        language=spec.language,
        channel=spec.channel,
        sector=spec.sector,
        province=spec.province,
    )
