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


def _niagara_id() -> int:
    from juntos.accounts.models import Organisation

    return Organisation.objects.get(slug="niagara-workers-centre").pk


def _waiting_value(personas: object) -> dict[str, int]:
    """A value Niagara's staff entered, waiting for a coordinator."""
    from juntos.monitoring.models import Indicator, ReportedValue

    indicator, _created = Indicator.objects.get_or_create(
        slug="workers-reached",
        defaults={
            "level": "activity",
            "source": "reported",
            "kind": "reported.workers-reached",
            "title_en": "Workers reached by outreach sessions",
        },
    )
    reported, _created = ReportedValue.objects.update_or_create(
        indicator=indicator,
        organisation_id=_niagara_id(),
        period="2026-Q1",
        dimension="",
        dimension_value="",
        defaults={"value": 40, "status": ReportedValue.Status.SUBMITTED},
    )
    return {"reported_id": reported.pk}


REPORTERS = frozenset({"amina", "ben", "dana"})  # staff of an organisation that reports

ACCESS += [
    Access(
        "monitoring:staff",
        allow=frozenset({"ben"}),
        note="every indicator, public or not, and the values waiting: for coordinators",
    ),
    Access(
        "monitoring:decide",
        method="POST",
        allow=frozenset({"ben"}),
        kwargs=_waiting_value,
        data=lambda personas, kw: {f"r{kw['reported_id']}-decision": "approve"},
        note="coordinators approve what organisations report before it counts",
    ),
    Access(
        "monitoring:organisation",
        allow=frozenset({"ben", "dana"}),
        kwargs=lambda personas: {"slug": "niagara-workers-centre"},
        note="its own staff see exact figures; coordinators see them suppressed",
    ),
    Access(
        "monitoring:report",
        allow=REPORTERS,
        note="an organisation's staff enter its figures",
    ),
    Access(
        "monitoring:report",
        method="POST",
        allow=frozenset({"dana"}),
        data=lambda personas, kw: {
            "organisation": _niagara_id(),
            "indicator": "workers-reached",
            "period": "2026-Q1",
            "value": "12",
        },
        note="only for an organisation the person reports for",
    ),
]
