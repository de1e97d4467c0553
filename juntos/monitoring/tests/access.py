from juntos.testing.access import EVERYONE, Access


def _indicator_slug() -> str:
    """The headline indicator (from a migration; a flushed test database may lack it)."""
    from juntos.monitoring.models import Indicator

    indicator, _created = Indicator.objects.get_or_create(
        slug="reports-to-inspectors",
        defaults={
            "level": "outcome",
            "kind": "reports.inspectorate_referral",
            "title_en": "Reports referred to inspectors",
        },
    )
    return indicator.slug


ACCESS = [
    Access("GET /api/monitoring/kinds", allow=EVERYONE),
    Access(
        "GET /api/monitoring/tables/{kind}",
        allow=EVERYONE,
        kwargs=lambda personas: {"kind": "reports.received"},
        query="?period=2026-Q1&by=province",
        note="published tables are suppressed and rounded: fit for anyone",
    ),
    Access(
        "GET /api/monitoring/tables/{kind}/csv",
        allow=EVERYONE,
        kwargs=lambda personas: {"kind": "reports.received"},
        query="?period=2026&by=province&by=category",
    ),
]

ACCESS += [
    Access("GET /api/monitoring/datapackage.json", allow=EVERYONE, query="?year=2026"),
    Access(
        "GET /api/monitoring/iati.xml",
        allow=EVERYONE,
        query="?year=2026",
        note="the IATI file holds the dashboard's published figures: fit for anyone",
    ),
    Access("monitoring:dashboard", allow=EVERYONE, worker_page=True, key_page=True),
    Access(
        "monitoring:targets",
        allow=frozenset({"ben"}),
        kwargs=lambda personas: {"slug": _indicator_slug()},
        note="coordinators set what the network aims for",
    ),
]
