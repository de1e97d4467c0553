"""Awarded grants as a 360Giving data package (schema 1.4: a JSON object with `grants`).

Identifiers: grants are `<prefix>-<project id>`; recipients without a registered number use the
360Giving-style `<prefix>-org-<id>` form, which says it is this platform's own number. Set
`JUNTOS_360GIVING_PREFIX` and `JUNTOS_360GIVING_FUNDER_ID` to the publisher's real ones.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from juntos.funding.models import Project
from juntos.funding.selectors import call_text, organisation_names, published_projects

SCHEMA_VERSION = "1.4"


def _number(amount: Decimal) -> int | float:
    """A JSON number for an amount: whole amounts as integers, cents as a float (exact at 2dp)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _grant(project: Project, recipient: str, base_url: str) -> dict[str, object]:
    application = project.application
    call = application.call
    prefix = settings.JUNTOS_360GIVING_PREFIX
    return {
        "id": f"{prefix}-{project.pk}",
        "title": application.title,
        "description": application.summary or application.title,
        "currency": project.currency,
        "amountAppliedFor": _number(
            sum(
                (line.amount_in_call_currency for line in application.budget_lines.all()),
                Decimal(0),
            )
        ),
        "amountAwarded": _number(project.amount),
        "awardDate": project.awarded_on.isoformat(),
        "plannedDates": [
            {"startDate": project.starts_on.isoformat(), "endDate": project.ends_on.isoformat()}
        ],
        "recipientOrganization": [
            {"id": f"{prefix}-org-{application.lead_organisation_id}", "name": recipient}
        ],
        "fundingOrganization": [
            {
                "id": settings.JUNTOS_360GIVING_FUNDER_ID,
                "name": settings.JUNTOS_360GIVING_FUNDER_NAME,
            }
        ],
        "grantProgramme": [
            {"code": f"call-{call.pk}", "title": call_text(call, "title", "en").text}
        ],
        "fromOpenCall": "Yes",
        "url": f"{base_url}/en/funding/grants/",
        "dateModified": project.modified_at.isoformat(),
    }


def grants_package(*, base_url: str) -> dict[str, object]:
    """Every awarded grant; 360Giving asks for at least one, so with none `grants` is empty
    and the caller should say there is nothing to publish yet."""
    projects = list(published_projects().prefetch_related("application__budget_lines"))
    names = organisation_names({p.application.lead_organisation_id for p in projects})
    return {
        "version": SCHEMA_VERSION,
        "title": "Juntos funding program: awarded grants",
        "issued": timezone.now().date().isoformat(),
        "publisher": {"name": settings.JUNTOS_360GIVING_FUNDER_NAME},
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "grants": [
            _grant(p, names.get(p.application.lead_organisation_id, ""), base_url) for p in projects
        ],
    }
