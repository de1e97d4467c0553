"""Demo figures for the public dashboard: a year of past facts and the coordinator's targets.

The past facts are sample data, recorded straight into the ledger so that the dashboard has
trends to show; they are added once (running the seed again changes nothing).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

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
