"""Reports due: reminders 14 and 3 days before, in each person's language, from the daily job;
a skipped report is audited; versions are kept; only partners' own staff confirm."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from juntos.accounts.choices import Role
from juntos.accounts.services import membership_grant, person_create
from juntos.core.models import AuditEntry
from juntos.funding import services
from juntos.funding.tests.factories import fraser, make_application, make_call


def _project(personas: Any, partner: Any) -> Any:
    application = make_application(personas, make_call(personas), partner, submitted=True)
    today = timezone.localdate()
    return services.award_make(
        actor=personas.ben,
        application=application,
        amount=Decimal("15000.00"),
        starts_on=today,
        ends_on=today + dt.timedelta(days=300),
        milestones=[("Kick-off", today + dt.timedelta(days=10))],
    )


def test_the_schedule_is_quarterly_with_milestones(personas: Any, partner: Any) -> None:
    project = _project(personas, partner)
    reports = list(project.reports.all())
    assert len(reports) == 4
    assert all(r.due_on == r.period_end + dt.timedelta(days=30) for r in reports)
    assert project.milestones.get().title == "Kick-off"


def test_reminders_go_14_and_3_days_before_in_each_language(
    personas: Any, partner: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert "funding.report-reminders" in settings.JUNTOS_PERIODIC_TASKS
    lucia = person_create(
        actor=None,
        display_name="Lucía",
        password="x-test-password-7",
        email="lucia@fraservalley.example.org",
        language="es",
        channel="email",
    )
    membership_grant(actor=None, user=lucia, organisation=fraser(personas), role=Role.CASEWORKER)
    report = _project(personas, partner).reports.order_by("due_on").first()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.report_reminders_send(today=report.due_on - dt.timedelta(days=20)) == 0
        assert services.report_reminders_send(today=report.due_on - dt.timedelta(days=14)) == 2
        assert services.report_reminders_send(today=report.due_on - dt.timedelta(days=13)) == 0
        assert services.report_reminders_send(today=report.due_on - dt.timedelta(days=3)) == 2
        assert services.report_reminders_send(today=report.due_on - dt.timedelta(days=2)) == 0
    spanish = [m for m in mail.outbox if m.to == [lucia.email]]
    english = [m for m in mail.outbox if m.to == [personas.amina.email]]
    assert [m.subject for m in spanish] == [
        "Un informe del proyecto financiado vence en 14 días",
        "Un informe del proyecto financiado vence en 3 días",
    ]
    assert english[0].subject == "A grantee report is due in 14 days"


def test_a_skipped_report_is_audited_and_filing_again_adds_a_version(
    personas: Any, partner: Any
) -> None:
    first, second = list(_project(personas, partner).reports.order_by("due_on"))[:2]
    indicator = first.project.application.call.indicators.get()
    for figures in ({"total": 5, "gender:woman": 5}, {"total": 6, "gender:woman": 6}):
        services.report_file(
            actor=personas.amina, report=first, narrative="Q1", actuals={indicator.pk: figures}
        )
    assert first.versions.count() == 2
    services.report_approve(actor=personas.ben, report=first)
    first.refresh_from_db()
    assert first.approved_version.number == 2
    with pytest.raises(PermissionDenied):
        services.report_skip(actor=personas.amina, report=second, reason="No")
    services.report_skip(actor=personas.ben, report=second, reason="The season ended early.")
    entry = AuditEntry.objects.get(action="funding.report_skip")
    assert entry.details["reason"] == "The season ended early."


def test_only_the_partners_own_staff_confirm(personas: Any, partner: Any) -> None:
    application = make_application(personas, make_call(personas), partner, confirmed=False)
    link = application.partners.get()
    for outsider in (personas.amina, personas.dana, personas.ben):
        with pytest.raises(PermissionDenied):
            services.partner_answer(actor=outsider, partner=link, confirm=True)
    services.partner_answer(actor=partner.staff, partner=link, confirm=True)
    link.refresh_from_db()
    assert link.status == "confirmed" and link.decided_by == partner.staff


def test_a_reviewer_from_a_partner_is_refused_whatever_she_declares(
    personas: Any, partner: Any
) -> None:
    application = make_application(personas, make_call(personas), partner, submitted=True)
    assignment = services.reviewer_assign(
        actor=personas.ben, call=application.call, reviewer=partner.staff
    )
    review = services.review_declare(
        actor=partner.staff, assignment=assignment, application=application, has_conflict=False
    )
    assert review.status == "refused"


def test_applicants_never_see_who_reviewed(personas: Any, partner: Any, client_as: Any) -> None:
    application = make_application(personas, make_call(personas), partner, submitted=True)
    assignment = services.reviewer_assign(
        actor=personas.ben, call=application.call, reviewer=personas.ines
    )
    services.review_declare(
        actor=personas.ines, assignment=assignment, application=application, has_conflict=False
    )
    amina = client_as("amina")
    for url in (f"/en/funding/applications/{application.pk}/", "/api/funding/applications"):
        body = amina.get(url).content.decode()
        assert personas.ines.display_name not in body and "ines@" not in body
