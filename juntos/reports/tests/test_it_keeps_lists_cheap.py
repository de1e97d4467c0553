"""List pages keep the same number of queries however many rows they show."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from juntos.accounts.selectors import organisations_by_slug
from juntos.reports import selectors, services
from juntos.reports.tests.factories import SubmissionFactory
from juntos.testing.queries import assert_queries_do_not_grow


def test_the_queue_does_not_grow_with_reports_and_cases(personas, client_as):
    amina = client_as("amina")

    def add(n):
        for i in range(n):
            report = SubmissionFactory.create(employer_site_id=i % 3).report
            if i % 2:
                services.case_open(
                    actor=personas.amina, opened=selectors.get_report_for(personas.amina, report.pk)
                )

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: amina.get(reverse("reports:queue")), limit=16
    )


def test_the_inspectorate_list_does_not_grow(personas, client_as):
    agency = organisations_by_slug(["tfw-integrity"])["tfw-integrity"]
    ines = client_as("ines")

    def add(n):
        for _ in range(n):
            submission = SubmissionFactory.create()
            opened = selectors.get_report_for(personas.amina, submission.report.pk)
            case = services.case_open(actor=personas.amina, opened=opened)
            consent = services.consent_request(
                actor=personas.amina, case=case, opened=opened, inspectorate_id=agency.pk
            )
            services.consent_answer(code=submission.receipt_code, consent_id=consent.pk, give=True)
            # Half of them with an outcome recorded: the outcome column costs no query.
            if len(outcomes) % 2 == 0:
                referral, opened = selectors.get_inspector_referral_for(
                    personas.ines, selectors.inspector_referrals_for(personas.ines)[0].pk
                )
                services.inspection_outcome_record(
                    actor=personas.ines,
                    referral=referral,
                    opened=opened,
                    outcome="inspection-opened",
                    outcome_on=None,
                )
            outcomes.append(1)

    outcomes: list[int] = []
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: ines.get(reverse("reports:inspector_list")), limit=10
    )
    with translation.override("fr"):
        opened_label = translation.gettext("Inspection opened")
        page = ines.get(reverse("reports:inspector_list")).content.decode()
    assert page.count(opened_label) == (len(outcomes) + 1) // 2


def test_the_inspectorate_referral_page_does_not_grow_with_messages(personas, client_as):
    submission = SubmissionFactory.create()
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    case = services.case_open(actor=personas.amina, opened=opened)
    agency = organisations_by_slug(["tfw-integrity"])["tfw-integrity"]
    consent = services.consent_request(
        actor=personas.amina, case=case, opened=opened, inspectorate_id=agency.pk
    )
    services.consent_answer(code=submission.receipt_code, consent_id=consent.pk, give=True)
    referral, inspector_opened = selectors.get_inspector_referral_for(
        personas.ines, selectors.inspector_referrals_for(personas.ines).get().pk
    )
    ines = client_as("ines")

    def add(n):
        for i in range(n):
            services.inspector_message_send(
                actor=personas.ines,
                referral=referral,
                opened=inspector_opened,
                body=f"pregunta {i}",
                asks_more=i % 2 == 0,
            )
            services.worker_message_send(code=submission.receipt_code, body=f"respuesta {i}")

    url = reverse("reports:inspector_detail", kwargs={"referral_id": referral.pk})
    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: ines.get(url),
        limit=16,
        rows=lambda page: page.content.decode().count('<div class="message-body">'),
    )


def test_the_routing_page_does_not_grow(personas, client_as):
    from juntos.accounts.services import membership_grant

    fraser = organisations_by_slug(["fraser-valley-support"])["fraser-valley-support"]
    membership_grant(actor=None, user=personas.amina, organisation=fraser, role="supervisor")
    amina = client_as("amina")
    provinces = iter(["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC"])

    def add(n):
        for _ in range(n):
            services.routing_rule_add(
                actor=personas.amina,
                organisation_id=fraser.pk,
                province=next(provinces),
                language="",
                category="",
            )

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: amina.get(reverse("reports:routing")), limit=10
    )


def test_the_worker_status_page_does_not_grow_with_messages(personas, client_as):
    from django.test import Client

    submission = SubmissionFactory.create()
    code = submission.receipt_code
    client = Client()

    def add(n):
        for i in range(n):
            services.worker_message_send(code=code, body=f"mensaje {i}")

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.post(reverse("reports:status"), {"code": code}), limit=8
    )


def test_the_case_page_does_not_grow_with_notes_messages_and_files(personas, client_as):
    from juntos.reports.tests.factories import jpeg_with_exif

    submission = SubmissionFactory.create()
    triage = selectors.get_report_for(personas.amina, submission.report.pk)
    case = services.case_open(actor=personas.amina, opened=triage)
    case, opened = selectors.get_case_for(personas.amina, case.pk)
    amina = client_as("amina")
    photo = jpeg_with_exif()

    def add(n):
        for i in range(n):
            services.case_note_add(actor=personas.amina, case=case, opened=opened, body=f"nota {i}")
            services.worker_message_send(code=submission.receipt_code, body=f"mensaje {i}")
            if i < 2:
                services.report_attach_document_by_code(
                    receipt_code=submission.receipt_code,
                    filename=f"{i}.jpg",
                    content_type="",
                    data=photo,
                )

    url = reverse("reports:case", kwargs={"case_id": case.pk})
    assert_queries_do_not_grow(add_items=add, fetch=lambda: amina.get(url), limit=25)


def test_the_api_status_does_not_grow_with_messages(personas):
    from django.test import Client

    submission = SubmissionFactory.create()
    client = Client()

    def add(n):
        for i in range(n):
            services.worker_message_send(code=submission.receipt_code, body=f"mensaje {i}")

    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.post(
            "/api/reports/status",
            {"code": submission.receipt_code},
            content_type="application/json",
        ),
        limit=8,
    )
