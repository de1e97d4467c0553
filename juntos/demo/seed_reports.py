"""Demo data for reports: amina on call for emergencies, a supervisor at her organisation
(Sofía, who approves closures and transfers), and a few reports waiting in
fraser-valley-support's triage queue (their receipt codes are not kept).

Sofía is demo data, not one of the test personas: with her, fraser-valley-support closes and
transfers cases only with a supervisor's approval, while the personas' tests keep closing
directly (an organisation with no supervisor).

No routing rules are seeded: without rules a report goes to the support groups of its
province, which for the demo is exactly fraser-valley-support (BC) and niagara (ON).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.accounts.choices import Channel, Role, Sector
from juntos.accounts.selectors import organisations_by_slug, user_by_identifier
from juntos.accounts.services import membership_grant, person_create
from juntos.demo.personas import DEMO_PASSWORD
from juntos.reports import selectors, services

if TYPE_CHECKING:
    from juntos.accounts.models import Organisation, User

DEMO_SOURCE = "demo"
SUPERVISOR_EMAIL = "sofia@fraservalley.example.org"
DEMO_REPORTS = [
    {
        "category": "deductions",
        "details": "Nos descuentan 60 dólares por semana por la vivienda; somos doce en una casa.",
        "language": "es",
        "program": "sawp-mx",
        "employer_name": "Okanagan Orchards",
    },
    {
        "category": "unpaid-hours",
        "details": "We worked Sundays in August and the pay slip shows only 40 hours a week.",
        "language": "en",
        "program": "ag-stream",
        "employer_name": "Valley berries",
    },
    {
        "category": "document-confiscation",
        "details": "El mayordomo guarda nuestros pasaportes en la oficina y no los devuelve.",
        "language": "es",
        "program": "sawp-mx",
        "employer_name": "Okanagan Orchards",
    },
]


def seed(people: dict[str, User]) -> None:
    """Amina on call and three demo reports in BC; running twice changes nothing."""
    fraser = organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]
    amina = people["amina"]
    _ensure_supervisor(fraser)
    if amina.pk not in selectors.on_call_user_ids(fraser.pk):
        services.on_call_set(actor=amina, organisation_id=fraser.pk, person=amina, on_call=True)
    if not selectors.reports_from_source_exist(DEMO_SOURCE):
        for report in DEMO_REPORTS:
            services.report_submit(
                category=report["category"],
                details=report["details"],
                language=report["language"],
                program=report["program"],
                employer_name=report["employer_name"],
                province="BC",
                source=DEMO_SOURCE,
            )


def _ensure_supervisor(fraser: Organisation) -> None:
    """Sofía, supervisor at amina's organisation: she approves amina's closures and transfers."""
    sofia = user_by_identifier(SUPERVISOR_EMAIL) or person_create(
        actor=None,
        display_name="Sofía Ramírez",
        password=DEMO_PASSWORD,
        email=SUPERVISOR_EMAIL,
        language="es",
        channel=Channel.EMAIL,
        sector=Sector.CIVIL_SOCIETY,
        province="BC",
    )
    membership_grant(actor=None, user=sofia, organisation=fraser, role=Role.SUPERVISOR)
