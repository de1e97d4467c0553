"""Values reported by organisations: entered by their staff, counted once a coordinator approves."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from juntos.accounts.models import Organisation
from juntos.core.models import AuditEntry
from juntos.monitoring import policies
from juntos.monitoring.models import Indicator, ReportedValue
from juntos.monitoring.selectors import dashboard_indicators, recent_quarters
from juntos.monitoring.services import reported_value_decide, reported_value_enter

pytestmark = pytest.mark.django_db


def _quarter() -> str:
    return recent_quarters(timezone.localdate())[-1].label


def _reached() -> Indicator:
    return Indicator.objects.get(slug="workers-reached")


def _niagara() -> Organisation:
    return Organisation.objects.get(slug="niagara-workers-centre")


def _shown(settings) -> int | None:
    [result] = [
        r.results[-1]
        for r in dashboard_indicators(language="en", today=timezone.localdate())
        if r.indicator.slug == "workers-reached"
    ]
    return result.actual


def _enter_niagaras_40(personas: Any) -> ReportedValue:
    """Dana enters 40 workers reached for Niagara this quarter."""
    return reported_value_enter(
        actor=personas.dana,
        indicator=_reached(),
        organisation_id=_niagara().pk,
        period=_quarter(),
        value=40,
    )


def test_it_lets_only_an_organisations_staff_report_for_it(personas):
    niagara = _niagara()
    assert policies.can_report_for(personas.dana, niagara.pk)
    for key in ("rosa", "amina", "carl", "ines", "ben"):
        assert not policies.can_report_for(getattr(personas, key), niagara.pk), key
    with pytest.raises(PermissionDenied):
        reported_value_enter(
            actor=personas.amina,
            indicator=_reached(),
            organisation_id=niagara.pk,
            period=_quarter(),
            value=40,
        )


def test_it_lets_only_coordinators_approve(personas):
    assert policies.can_approve_reported_values(personas.ben)
    for key in ("rosa", "amina", "carl", "ines", "dana"):
        assert not policies.can_approve_reported_values(getattr(personas, key)), key
    reported = _enter_niagaras_40(personas)
    with pytest.raises(PermissionDenied):
        reported_value_decide(actor=personas.dana, reported=reported, approve=True)


def test_a_value_counts_only_once_approved_and_every_step_is_audited(personas, settings):
    settings.JUNTOS_ROUNDING_BASE = 1
    reported = _enter_niagaras_40(personas)
    assert _shown(settings) == 0
    reported_value_decide(actor=personas.ben, reported=reported, approve=True)
    assert _shown(settings) == 40
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"monitoring.reported_value_entered", "monitoring.reported_value_approved"} <= actions
    # Entering it again replaces it and waits for approval again.
    reported_value_enter(
        actor=personas.dana,
        indicator=_reached(),
        organisation_id=_niagara().pk,
        period=_quarter(),
        value=50,
    )
    assert _shown(settings) == 0


def test_a_small_reported_total_is_hidden_like_any_published_figure(personas, settings):
    reported = reported_value_enter(
        actor=personas.dana,
        indicator=_reached(),
        organisation_id=_niagara().pk,
        period=_quarter(),
        value=3,
    )
    reported_value_decide(actor=personas.ben, reported=reported, approve=True)
    assert _shown(settings) is None


def test_a_total_that_differs_from_its_parts_needs_a_note(personas, settings):
    settings.JUNTOS_ROUNDING_BASE = 1
    common = {
        "actor": personas.dana,
        "indicator": _reached(),
        "organisation_id": _niagara().pk,
        "period": _quarter(),
    }
    for value, group in ((15, "woman"), (20, "man")):
        part = reported_value_enter(
            **common, value=value, dimension="gender", dimension_value=group
        )
        reported_value_decide(actor=personas.ben, reported=part, approve=True)
    total = reported_value_enter(**common, value=40)
    with pytest.raises(ValidationError, match="differs from the sum"):
        reported_value_decide(actor=personas.ben, reported=total, approve=True)
    reported_value_decide(actor=personas.ben, reported=total, approve=False, reason="Parts?")
    total = reported_value_enter(
        **common, value=40, note="Cinq personnes n’ont pas répondu.", note_language="fr"
    )
    reported_value_decide(actor=personas.ben, reported=total, approve=True)
    [result] = [
        r.results[-1]
        for r in dashboard_indicators(language="en", today=timezone.localdate())
        if r.indicator.slug == "workers-reached"
    ]
    assert result.actual == 40
    assert result.notes == (("Cinq personnes n’ont pas répondu.", "fr"),)
    body = Client().get("/es/monitoring/").content.decode()
    assert '<q lang="fr">Cinq personnes n’ont pas répondu.</q>' in body


def test_it_refuses_months_future_quarters_and_counted_indicators(personas):
    common = {"actor": personas.dana, "organisation_id": _niagara().pk, "value": 10}
    for period in ("2026-03", "2026", "2099-Q1"):
        with pytest.raises(ValidationError):
            reported_value_enter(**common, indicator=_reached(), period=period)
    counted = Indicator.objects.get(slug="reports-received")
    with pytest.raises(ValidationError):
        reported_value_enter(**common, indicator=counted, period=_quarter())
    assert not ReportedValue.objects.exists()


def test_a_returned_value_needs_a_reason(personas):
    reported = _enter_niagaras_40(personas)
    with pytest.raises(ValidationError):
        reported_value_decide(actor=personas.ben, reported=reported, approve=False)


def test_the_report_page_keeps_what_was_typed_and_says_why(client_as):
    page = client_as("dana").post(
        "/en/monitoring/report/",
        {
            "organisation": _niagara().pk,
            "indicator": "workers-reached",
            "period": "2026-07",
            "value": "12",
            "note": "typed text",
        },
    )
    assert page.status_code == 400
    body = page.content.decode()
    assert "Report per quarter" in body and "typed text" in body


def test_the_report_page_saves_a_value(client_as):
    page = client_as("dana").post(
        "/en/monitoring/report/",
        {
            "organisation": _niagara().pk,
            "indicator": "workers-reached",
            "period": _quarter(),
            "value": "12",
        },
    )
    assert page.status_code == 302
    assert ReportedValue.objects.get().status == ReportedValue.Status.SUBMITTED


def test_the_coordinator_approves_from_the_staff_dashboard(personas, client_as):
    reported = _enter_niagaras_40(personas)
    ben = client_as("ben")
    assert "40" in ben.get("/en/monitoring/staff/").content.decode()
    page = ben.post(
        f"/en/monitoring/reported/{reported.pk}/decide/", {f"r{reported.pk}-decision": "approve"}
    )
    assert page.status_code == 302
    reported.refresh_from_db()
    assert reported.status == ReportedValue.Status.APPROVED
