"""The caseworkers' daily summary: cases due and workers waiting, by number only, no time."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from juntos.accounts.selectors import organisations_by_slug
from juntos.accounts.services import membership_grant
from juntos.reports import selectors, services
from juntos.reports.tests.factories import SubmissionFactory


def open_case(personas, **kwargs):
    submission = SubmissionFactory.create(
        employer_name="Huerto Secreto", details="El capataz nos grita.", **kwargs
    )
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    return submission, services.case_open(actor=personas.amina, opened=opened)


def plan(personas, case, due_on):
    services.case_plan_set(actor=personas.amina, case=case, priority="high", due_on=due_on)


def send(django_capture_on_commit_callbacks, today):
    with django_capture_on_commit_callbacks(execute=True):
        return services.case_summaries_send(today=today)


def test_amina_hears_of_cases_due_and_of_workers_waiting_by_number_only(
    personas, django_capture_on_commit_callbacks, mailoutbox
):
    today = timezone.localdate()  # read when the test runs, never at import
    _, due = open_case(personas)
    plan(personas, due, today)
    _, later = open_case(personas)
    plan(personas, later, today + dt.timedelta(days=3))
    submission, waiting = open_case(personas)
    services.worker_message_send(code=submission.receipt_code, body="¿Hay noticias?")
    _, closed = open_case(personas)
    plan(personas, closed, today)
    services.case_close(actor=personas.amina, case=closed, outcome="resolved")

    assert send(django_capture_on_commit_callbacks, today) == 1
    [mail] = mailoutbox
    assert mail.to == [personas.amina.email]
    assert f"#{due.pk}" in mail.body and f"#{waiting.pk}" in mail.body
    assert f"#{later.pk}" not in mail.body and f"#{closed.pk}" not in mail.body
    # Nothing a report says, and no time of day.
    for secret in ("Huerto", "capataz", "noticias", "Wages", "Salario"):
        assert secret not in mail.body
    assert not re.search(r"\b\d{1,2}:\d{2}\b", mail.body + mail.subject)
    assert "/reports/cases/" in mail.body


def test_a_second_run_the_same_day_sends_nothing(
    personas, django_capture_on_commit_callbacks, mailoutbox
):
    today = timezone.localdate()  # read when the test runs, never at import
    _, case = open_case(personas)
    plan(personas, case, today)
    send(django_capture_on_commit_callbacks, today)
    assert send(django_capture_on_commit_callbacks, today) == 0
    assert len(mailoutbox) == 1
    assert send(django_capture_on_commit_callbacks, today + dt.timedelta(days=1)) == 1


def test_a_case_assigned_to_a_colleague_goes_to_her_alone_and_dana_hears_nothing(
    personas, django_capture_on_commit_callbacks, mailoutbox
):
    today = timezone.localdate()  # read when the test runs, never at import
    fraser = organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]
    membership_grant(actor=None, user=personas.dana, organisation=fraser, role="caseworker")
    _, theirs = open_case(personas)
    plan(personas, theirs, today)
    services.case_assign(actor=personas.amina, case=theirs, assignee_id=personas.dana.pk)
    _, unassigned = open_case(personas)
    plan(personas, unassigned, today)

    send(django_capture_on_commit_callbacks, today)
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert f"#{theirs.pk}" not in bodies[personas.amina.email]
    assert f"#{unassigned.pk}" in bodies[personas.amina.email]
    assert f"#{theirs.pk}" in bodies[personas.dana.email]


def test_another_organisations_caseworker_hears_nothing_of_aminas_cases(
    personas, django_capture_on_commit_callbacks, mailoutbox
):
    today = timezone.localdate()  # read when the test runs, never at import
    _, case = open_case(personas)
    plan(personas, case, today)
    send(django_capture_on_commit_callbacks, today)
    assert personas.dana.email not in {m.to[0] for m in mailoutbox}
