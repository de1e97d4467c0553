"""What a worker's status reads by her code (the web page and the SMS answer) is what the ORM
reads: her report, its case's organisation, the thread and the questions, in their order."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict

from juntos.core import crypto
from juntos.reports import selectors, services
from juntos.reports.models import ConsentRequest, Message, Report
from juntos.reports.tests.factories import SubmissionFactory
from juntos.reports.tests.test_it_lets_the_inspectorate_answer import agency

pytestmark = pytest.mark.django_db


def test_her_report_case_thread_and_questions_read_as_the_orm_reads_them(personas):
    submission = SubmissionFactory.create()
    other = SubmissionFactory.create()  # never in her answers
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    before = selectors.status_summary(services.receipt_open(code=submission.receipt_code))
    assert (before.organisation, before.thread, before.pending_consents) == ("", [], [])
    case = services.case_open(actor=personas.amina, opened=opened)
    opened = selectors.get_report_for(personas.amina, submission.report.pk)  # now as owner
    for body in ("primero", "segundo"):
        services.case_message_send(actor=personas.amina, case=case, opened=opened, body=body)
    services.worker_message_send(code=submission.receipt_code, body="tercero")
    services.worker_message_send(code=other.receipt_code, body="de otra")
    asked = []
    for _ in range(2):
        asked.append(
            services.consent_request(
                actor=personas.amina, case=case, opened=opened, inspectorate_id=agency().pk
            )
        )
        if len(asked) == 1:  # she says no to the first; the second waits for her
            services.consent_answer(
                code=submission.receipt_code, consent_id=asked[0].pk, give=False
            )

    hashed = crypto.keyed_hash("receipt", crypto.normalise_code(submission.receipt_code))
    found = selectors.report_by_receipt_hash(hashed)
    assert found is not None
    assert model_to_dict(found) == model_to_dict(Report.objects.get(receipt_hash=hashed))
    assert selectors.report_by_receipt_hash("0" * 64) is None

    mine = services.receipt_open(code=submission.receipt_code)
    summary = selectors.status_summary(mine)
    assert summary.organisation == case.owner.name
    thread = selectors.thread_of(mine)
    orm = list(Message.objects.filter(report=found).order_by("position"))
    assert [m.body for m in thread] == ["primero", "segundo", "tercero"]
    assert len(thread) == len(orm)
    assert [m.body for m in selectors.thread_of(mine, after=orm[1].position)] == ["tercero"]

    consents = selectors.consents_of(found)
    expected = ConsentRequest.objects.filter(report=found).order_by("asked_on")
    assert [c.pk for c in consents] == [c.pk for c in expected] and len(consents) == 2
    assert all(c.inspectorate.pk == agency().pk for c in consents)
    assert [c.pk for c in consents] == [c.pk for c in asked]
    assert [c.pk for c in summary.pending_consents] == [asked[1].pk]
    assert summary.thread == thread


def test_her_status_reads_case_thread_and_questions_in_one_call(django_assert_num_queries):
    submission = SubmissionFactory.create()
    mine = services.receipt_open(code=submission.receipt_code)
    with django_assert_num_queries(3):  # case, thread, questions: one pipeline on PostgreSQL
        selectors.status_summary(mine)
