"""Reports: submitting a report (sealing, key wrapping, routing, audit, fact) against a bare
insert of the same size in the same run (budget: at most 3x), and the intake page."""

from __future__ import annotations

import secrets
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from bench.api import Budget, Request, Scenario

DETAILS = "El patrón no nos pagó las horas extra de las últimas tres semanas. " * 12  # ~800 chars


@csrf_exempt
def bare_insert(request: HttpRequest) -> HttpResponse:
    """The same row, the same size, with nothing sealed, wrapped, routed or audited."""
    import json

    from juntos.reports.models import Report

    body = json.loads(request.body)
    Report.objects.create(
        receipt_hash=secrets.token_hex(32),
        received_on=timezone.localdate(),
        last_worker_activity_on=timezone.localdate(),
        category=body["category"],
        province=body["province"],
        language=body["language"],
        contact_mode="anonymous",
        sealed_content=body["details"].encode(),
        worker_wrapped_key=b"",
    )
    return JsonResponse({"receipt_code": "-"}, status=201)


URLPATTERNS = [path("bare-insert", bare_insert)]


def _report(i: int, state: Any) -> dict[str, str]:
    return {
        "category": "wage-theft",
        "province": "BC",
        "language": "es",
        "details": f"{i} {DETAILS}",
    }


def _bare(i: int, state: Any) -> Request:
    return Request(
        "/bench/reports/bare-insert", method="POST", json=_report(i, state), expect=(201,)
    )


def _submit(i: int, state: Any) -> Request:
    return Request("/api/reports/intake", method="POST", json=_report(i, state), expect=(201,))


def _all_sealed(outcome: Any, state: Any) -> list[str]:
    from juntos.reports.models import Report

    stored = Report.objects.filter(source="api").values_list("sealed_content", flat=True)
    readable = sum(1 for sealed in stored if b"horas extra" in bytes(sealed))
    return [f"{readable} submitted reports were stored readable"] if readable else []


SCENARIOS = [
    Scenario("reports.bare_insert", request=_bare, count=300, is_baseline=True),
    Scenario(
        "reports.submit",
        request=_submit,
        count=300,
        baseline="reports.bare_insert",
        budget=Budget(max_ratio=3.0),
        check=_all_sealed,
    ),
    Scenario(
        "reports.intake_page",
        path="/es/reports/",
        count=300,
        # One long form by design (no JS): 13 categories, 14 provinces, 24 months.
        budget=Budget(max_ratio=12.0, p95_ms=250),
    ),
]
