from juntos.testing.access import EVERYONE, Access

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
        kwargs=lambda personas: {"slug": "reports-to-inspectors"},
        note="coordinators set what the network aims for",
    ),
]
