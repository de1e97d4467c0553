"""Unanswered reports and closed cases are purged after their periods; the purge is audited."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from juntos.core.models import AuditEntry
from juntos.reports import selectors, services
from juntos.reports.models import Attachment, Message, Report
from juntos.reports.tasks import purge_expired_reports
from juntos.reports.tests.factories import SubmissionFactory


def _age(report: Report, days: int) -> None:
    past = dt.date.today() - dt.timedelta(days=days)
    Report.objects.filter(pk=report.pk).update(received_on=past, last_worker_activity_on=past)


def test_unanswered_reports_go_after_the_period_and_answered_ones_stay(personas, settings):
    settings.JUNTOS_REPORTS_UNANSWERED_DAYS = 30
    old, recent, opened_one = (SubmissionFactory.create().report for _ in range(3))
    for report in (old, opened_one):
        _age(report, 40)
    _age(recent, 10)
    services.case_open(
        actor=personas.amina, opened=selectors.get_report_for(personas.amina, opened_one.pk)
    )
    counts = purge_expired_reports.enqueue().return_value
    assert counts == {"unanswered": 1, "closed": 0, "kept_for_inspection": 0}
    assert set(Report.objects.values_list("pk", flat=True)) == {recent.pk, opened_one.pk}
    entry = AuditEntry.objects.get(action="reports.purged")
    assert entry.details == {"unanswered": 1, "closed": 0, "kept_for_inspection": 0}


def test_closed_cases_go_after_their_period_with_everything_sealed_in_them(personas, settings):
    settings.JUNTOS_REPORTS_CLOSED_DAYS = 90
    submission = SubmissionFactory.create()
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    case = services.case_open(actor=personas.amina, opened=opened)
    services.worker_message_send(code=submission.receipt_code, body="hola")
    services.case_close(actor=personas.amina, case=case, outcome="resolved")
    call_command("reports_purge")
    assert Report.objects.count() == 1
    case.__class__.objects.filter(pk=case.pk).update(
        closed_on=dt.date.today() - dt.timedelta(days=91)
    )
    call_command("reports_purge")
    assert (
        Report.objects.count() == 0
        and Message.objects.count() == 0
        and Attachment.objects.count() == 0
    )
    assert (
        services.report_attach_document_by_code(
            receipt_code=submission.receipt_code,
            filename="a.pdf",
            content_type="application/pdf",
            data=b"%PDF-",
        )
        is False
    )


def test_a_closed_case_the_inspectorate_still_works_on_stays_until_the_outcome(personas, settings):
    from juntos.reports.models import Case
    from juntos.reports.tests.test_it_lets_the_inspectorate_answer import refer

    settings.JUNTOS_REPORTS_CLOSED_DAYS = 90
    long_ago = dt.date.today() - dt.timedelta(days=200)
    _, case, referral = refer(personas)
    services.case_close(actor=personas.amina, case=case, outcome="resolved")
    Case.objects.filter(pk=case.pk).update(closed_on=long_ago)
    assert purge_expired_reports.enqueue().return_value == {
        "unanswered": 0,
        "closed": 0,
        "kept_for_inspection": 1,
    }
    # An inspection opened long ago is still an inspection under way.
    referral.__class__.objects.filter(pk=referral.pk).update(
        inspection_outcome="inspection-opened", inspection_recorded_on=long_ago
    )
    call_command("reports_purge")
    assert Report.objects.filter(case=case).exists()
    # The final outcome recorded 10 days ago: the worker still has the period to read it.
    referral.__class__.objects.filter(pk=referral.pk).update(
        inspection_outcome="no-violation", inspection_recorded_on=dt.date.today() - dt.timedelta(10)
    )
    call_command("reports_purge")
    assert Report.objects.filter(case=case).exists()
    referral.__class__.objects.filter(pk=referral.pk).update(inspection_recorded_on=long_ago)
    call_command("reports_purge")
    assert not Report.objects.filter(case=case).exists()


def test_a_declined_inspectorate_referral_keeps_nothing_past_retention(personas, settings):
    from juntos.reports.models import Case
    from juntos.reports.tests.test_it_lets_the_inspectorate_answer import refer

    settings.JUNTOS_REPORTS_CLOSED_DAYS = 90
    _, case, referral = refer(personas)
    services.case_close(actor=personas.amina, case=case, outcome="resolved")
    Case.objects.filter(pk=case.pk).update(closed_on=dt.date.today() - dt.timedelta(days=200))
    referral.__class__.objects.filter(pk=referral.pk).update(status="declined")
    call_command("reports_purge")
    assert not Report.objects.filter(case=case).exists()
