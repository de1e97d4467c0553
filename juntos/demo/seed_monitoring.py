"""Demo figures for the public dashboard: a year of past facts, the coordinator's targets, and
values reported by two organisations (one approved, one waiting for the coordinator).

The past facts are sample data, recorded straight into the ledger so that the dashboard has
trends to show; they are added once (running the seed again changes nothing).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.monitoring import selectors, services

# kind -> counts for the three quarters before the current one, oldest first
PAST = {
    "reports.inspectorate_referral": (4, 9, 14),
    "reports.received": (22, 31, 40),
    "rights.subscription": (60, 85, 120),
    "learning.completion": (12, 18, 25),
    "network.meeting-held": (3, 4, 4),
}
TARGETS = {"reports-to-inspectors": 15, "reports-received": 45, "workers-informed": 150}


def seed(people: dict[str, Any]) -> None:
    quarters = selectors.recent_quarters(timezone.localdate())
    past, current = quarters[:-1], quarters[-1]
    if not selectors.fact_table("reports.received", month=past[0].start, threshold=0):
        for kind, counts in PAST.items():
            for quarter, count in zip(past, counts, strict=True):
                # Spread over the quarter's months, as real events would be.
                for offset, month in enumerate(quarter.months()):
                    share = count // 3 + (1 if offset < count % 3 else 0)
                    if share:
                        services.fact_record(kind=kind, month=month, province="BC", count=share)
    for indicator in selectors.dashboard_indicators(language="en", today=timezone.localdate()):
        value = TARGETS.get(indicator.indicator.slug)
        if value and not indicator.results[-1].target:
            services.target_set(
                actor=people["ben"],
                indicator=indicator.indicator,
                period=current.label,
                value=value,
            )
            services.target_set(
                actor=people["ben"],
                indicator=indicator.indicator,
                period=past[-1].label,
                value=value - value // 4,
            )
    _reported(people, past[-1].label, current.label)


def _reported(people: dict[str, Any], last_quarter: str, this_quarter: str) -> None:
    """Niagara's outreach last quarter (approved, parts by gender and a note), Fraser Valley's
    this quarter (waiting), and a target for women reached."""
    found = [i for i in selectors.reported_indicators() if i.slug == "workers-reached"]
    # The indicator comes from a migration; a test database that was flushed has none.
    if not found or found[0].reported_values.exists():
        return
    indicator = found[0]
    orgs = organisations_by_slug(["niagara-workers-centre", "fraser-valley-support"])
    niagara, fraser = orgs["niagara-workers-centre"], orgs["fraser-valley-support"]
    for group, value in (("woman", 31), ("man", 40)):
        part = services.reported_value_enter(
            actor=people["dana"],
            indicator=indicator,
            organisation_id=niagara.pk,
            period=last_quarter,
            dimension="gender",
            dimension_value=group,
            value=value,
        )
        services.reported_value_decide(actor=people["ben"], reported=part, approve=True)
    total = services.reported_value_enter(
        actor=people["dana"],
        indicator=indicator,
        organisation_id=niagara.pk,
        period=last_quarter,
        value=78,
        note="Seven people at the Grimsby session did not say their gender.",
        note_language="en",
    )
    services.reported_value_decide(actor=people["ben"], reported=total, approve=True)
    services.reported_value_enter(
        actor=people["amina"],
        indicator=indicator,
        organisation_id=fraser.pk,
        period=this_quarter,
        value=24,
    )
    for period in (last_quarter, this_quarter):
        services.target_set(actor=people["ben"], indicator=indicator, period=period, value=90)
        services.target_set(
            actor=people["ben"],
            indicator=indicator,
            period=period,
            value=45,
            dimension="gender",
            dimension_value="woman",
        )
