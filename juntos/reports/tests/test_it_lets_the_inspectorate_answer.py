"""The inspectorate writes to the worker, asks her for more, and records what it did."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from juntos.accounts.choices import Channel, OrganisationKind, Role, Sector
from juntos.accounts.selectors import organisations_by_slug
from juntos.core import tasks
from juntos.core.models import AuditEntry
from juntos.monitoring.selectors import fact_table
from juntos.reports import selectors, services
from juntos.reports.models import Case, Message, Referral
from juntos.reports.tests.factories import SubmissionFactory
from juntos.reports.tests.test_it_keeps_no_canaries import dump_database
from juntos.testing.outbox import outbox_messages
from juntos.testing.stored_bytes import is_sqlite, pg_dump_text, sqlite_file_bytes
from juntos.testing.stored_bytes import sqlite_file_database as file_database

QUESTION = "pregunta-inspeccion-8841: ¿Tiene sus recibos de pago de julio?"
EARLIER = "mensaje-anterior-3307"


def agency():
    return organisations_by_slug(["tfw-integrity"])["tfw-integrity"]


def refer(personas, **report):
    """A report amina opened and the worker agreed to send to ines's inspectorate."""
    submission = SubmissionFactory.create(**report)
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    case = services.case_open(actor=personas.amina, opened=opened)
    consent = services.consent_request(
        actor=personas.amina, case=case, opened=opened, inspectorate_id=agency().pk
    )
    services.consent_answer(code=submission.receipt_code, consent_id=consent.pk, give=True)
    referral = Referral.objects.get(consent=consent)
    return submission, case, referral


def url(name, referral):
    with translation.override("en"):
        return reverse(f"reports:{name}", kwargs={"referral_id": referral.pk})


def case_url(case):
    with translation.override("en"):
        return reverse("reports:case", kwargs={"case_id": case.pk})


def status_page(code, language="es"):
    with translation.override(language):
        path = reverse("reports:status")
    return Client().post(path, {"code": code}).content.decode()


def ask(personas, referral, body=QUESTION, asks_more=True):
    _referral, opened = selectors.get_inspector_referral_for(personas.ines, referral.pk)
    return services.inspector_message_send(
        actor=personas.ines, referral=referral, opened=opened, body=body, asks_more=asks_more
    )


def test_ines_asks_for_more_and_the_worker_answers_on_her_status_page(personas, client_as):
    submission, case, referral = refer(personas)
    ines = client_as("ines")
    sent = ines.post(url("inspector_message", referral), {"body": QUESTION, "asks_more": "on"})
    assert sent.status_code == 302

    page = status_page(submission.receipt_code)  # no script: one POST, one page
    assert QUESTION in page
    with translation.override("es"):
        asked = translation.gettext("The inspectorate asks you for more information")
        from_label = translation.gettext("%(agency)s (the inspectorate)") % {
            "agency": agency().name
        }
    assert asked != "The inspectorate asks you for more information"
    assert asked in page and from_label in page
    assert "<script" not in page
    assert Case.objects.get(pk=case.pk).status == "waiting-worker"

    amina_page = client_as("amina").get(case_url(case))
    assert QUESTION in amina_page.content.decode()
    assert "Waiting for the worker" in amina_page.content.decode()

    services.worker_message_send(code=submission.receipt_code, body="Sí, los tengo en fotos.")
    assert asked not in status_page(submission.receipt_code)  # answered: the notice goes
    assert "Sí, los tengo en fotos." in ines.get(url("inspector_detail", referral)).content.decode()
    entry = AuditEntry.objects.get(action="reports.inspector_message")
    assert entry.details == {"referral": referral.pk, "asks_more": True}
    assert entry.organisation_id == agency().pk


def test_a_plain_reply_leaves_the_case_status_alone(personas):
    submission, case, referral = refer(personas)
    ask(personas, referral, body="Gracias, hemos recibido su reporte.", asks_more=False)
    assert Case.objects.get(pk=case.pk).status == "open"
    with translation.override("es"):
        asked = translation.gettext("The inspectorate asks you for more information")
    page = status_page(submission.receipt_code)
    assert "Gracias, hemos recibido su reporte." in page and asked not in page


def test_the_inspectorate_reads_nothing_written_before_the_workers_yes(personas, client_as):
    submission = SubmissionFactory.create()
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    case = services.case_open(actor=personas.amina, opened=opened)
    services.worker_message_send(code=submission.receipt_code, body=EARLIER)
    opened = selectors.get_report_for(personas.amina, submission.report.pk)  # now as owner
    services.case_message_send(actor=personas.amina, case=case, opened=opened, body="¿Y luego?")
    consent = services.consent_request(
        actor=personas.amina, case=case, opened=opened, inspectorate_id=agency().pk
    )
    services.consent_answer(code=submission.receipt_code, consent_id=consent.pk, give=True)
    referral = Referral.objects.get(consent=consent)
    services.worker_message_send(code=submission.receipt_code, body="después-del-sí")
    page = client_as("ines").get(url("inspector_detail", referral)).content.decode()
    assert EARLIER not in page and "¿Y luego?" not in page
    assert "después-del-sí" in page


def test_the_worker_is_told_only_that_there_is_news(personas):
    phone = "+12505550188"
    _submission, _case, referral = refer(
        personas, contact_mode="confidential", contact_channel="sms", contact_address=phone
    )
    tasks.deliver_waiting_messages.call()  # the consent question's own nudge
    already = len(outbox_messages(phone))
    ask(personas, referral)
    tasks.deliver_waiting_messages.call()
    with translation.override("es"):
        nudge = translation.gettext(
            "Juntos: there is news about your report. Check it with your receipt code."
        )
    bodies = [m.body for m in outbox_messages(phone)][already:]
    assert bodies == [nudge]
    assert all(QUESTION not in body for body in bodies)


def test_ines_records_an_outcome_and_corrects_it_and_the_ledger_counts_it_once(personas, client_as):
    submission, case, referral = refer(
        personas, category="housing", province="BC", program="sawp-mx"
    )
    ines = client_as("ines")
    day = timezone.localdate() - dt.timedelta(days=3)
    recorded = ines.post(
        url("inspector_outcome", referral),
        {"outcome": "inspection-opened", "outcome_on": day.isoformat()},
    )
    assert recorded.status_code == 302
    corrected = ines.post(
        url("inspector_outcome", referral), {"outcome": "order-issued", "outcome_on": ""}
    )
    assert corrected.status_code == 302
    referral.refresh_from_db()
    assert (referral.inspection_outcome, referral.inspection_outcome_on) == ("order-issued", None)
    actions = AuditEntry.objects.filter(action__startswith="reports.inspection_outcome")
    assert [(e.action, e.details["outcome"], e.details["previous"]) for e in actions] == [
        ("reports.inspection_outcome", "inspection-opened", ""),
        ("reports.inspection_outcome_corrected", "order-issued", "inspection-opened"),
    ]
    cells = fact_table(
        "reports.inspection_outcome",
        group_by=("month", "province", "program", "category", "outcome", "organisation_id"),
        threshold=1,
    )
    assert [(c.dimensions, c.count) for c in cells] == [
        (
            {
                "month": timezone.localdate().replace(day=1),
                "province": "BC",
                "program": "sawp-mx",
                "category": "housing",
                "outcome": "inspection-opened",
                "organisation_id": None,
            },
            1,
        )
    ]
    with translation.override("es"):
        plain = translation.gettext(
            "The inspectorate found that the employer broke the rules and ordered the employer "
            "to put it right."
        )
    assert plain.startswith("La inspección") and plain in status_page(submission.receipt_code)
    case_page = client_as("amina").get(case_url(case))
    assert "Violation found: order issued" in case_page.content.decode()


def test_the_caseworker_sees_the_outcome_but_cannot_record_it(personas, client_as):
    _submission, case, referral = refer(personas)
    amina = client_as("amina")
    answer = amina.post(url("inspector_outcome", referral), {"outcome": "withdrawn"})
    assert answer.status_code == 404
    answer = amina.post(url("inspector_message", referral), {"body": "Hola"})
    assert answer.status_code == 404
    referral.refresh_from_db()
    assert referral.inspection_outcome == ""
    assert not Message.objects.filter(report=case.report, sender="inspector").exists()
    page = amina.get(case_url(case)).content.decode()
    assert "none recorded yet" in page
    assert url("inspector_outcome", referral) not in page


def test_another_inspectorate_gets_the_translated_not_found(personas, client_as):
    from juntos.accounts.services import membership_grant, organisation_create, person_create

    _submission, _case, referral = refer(personas)
    other = organisation_create(
        actor=None,
        slug="bc-employment-standards",
        name="BC Employment Standards Branch",
        kind=OrganisationKind.GOVERNMENT_AGENCY,
        province="BC",
    )
    inspector = person_create(
        actor=None,
        display_name="Other inspector",
        password="juntos-demo-2026",
        email="inspector@esb.example.gc.ca",
        language="es",
        channel=Channel.EMAIL,
        sector=Sector.GOVERNMENT,
    )
    membership_grant(actor=None, user=inspector, organisation=other, role=Role.INSPECTOR)
    from juntos.testing.personas import logged_in_client

    client = logged_in_client(inspector)
    with translation.override("es"):
        detail = reverse("reports:inspector_detail", kwargs={"referral_id": referral.pk})
        outcome = reverse("reports:inspector_outcome", kwargs={"referral_id": referral.pk})
    page = client.get(detail)
    assert page.status_code == 404 and 'lang="es"' in page.content.decode()
    assert client.post(outcome, {"outcome": "withdrawn"}).status_code == 404
    referral.refresh_from_db()
    assert referral.inspection_outcome == ""


@pytest.mark.parametrize(
    ("data", "field_text", "kept"),
    [
        ({"outcome": "banana"}, "Choose what the inspectorate did.", ""),
        ({"outcome": ""}, "Choose what the inspectorate did.", ""),
        (
            {"outcome": "no-violation", "outcome_on": "2099-01-31"},
            "The date cannot be in the future.",
            'value="2099-01-31"',
        ),
        (
            {"outcome": "no-violation", "outcome_on": "31/01/2026"},
            "Enter a valid date.",
            'value="31/01/2026"',
        ),
    ],
)
def test_a_refused_outcome_is_shown_again_with_the_reason(
    personas, client_as, data, field_text, kept
):
    _submission, _case, referral = refer(personas)
    with translation.override("en"):
        answer = client_as("ines").post(url("inspector_outcome", referral), data)
    html = answer.content.decode()
    assert answer.status_code == 400
    assert field_text in html and kept in html
    referral.refresh_from_db()
    assert referral.inspection_outcome == ""
    assert not AuditEntry.objects.filter(action="reports.inspection_outcome").exists()


def test_a_refused_message_is_shown_again_as_typed(personas, client_as):
    _submission, case, referral = refer(personas)
    ines = client_as("ines")
    answer = ines.post(url("inspector_message", referral), {"body": "   ", "asks_more": "on"})
    html = answer.content.decode()
    assert answer.status_code == 400 and "Please write a message." in html
    assert 'id="id_asks_more" checked' in html  # the box she ticked stays ticked
    long = ines.post(url("inspector_message", referral), {"body": "x" * 5001})
    assert long.status_code == 400 and "x" * 5001 in long.content.decode()
    assert not Message.objects.filter(report=case.report).exists()
    assert Case.objects.get(pk=case.pk).status == "open"


def test_a_closed_case_still_hears_from_the_inspectorate(personas, client_as):
    submission, case, referral = refer(personas)
    services.case_close(actor=personas.amina, case=case, outcome="referred-inspectorate")
    ask(personas, referral)
    assert Case.objects.get(pk=case.pk).status == "closed"  # asking does not reopen it
    assert QUESTION in status_page(submission.receipt_code)


def test_the_message_is_sealed_in_the_stored_rows(personas):
    _submission, _case, referral = refer(personas)
    message = ask(personas, referral)
    stored = bytes(Message.objects.get(pk=message.pk).sealed_body)
    assert QUESTION.encode() not in stored
    assert "pregunta-inspeccion-8841" not in dump_database()


@pytest.mark.django_db(transaction=True)
def test_the_message_and_the_reply_leave_no_plaintext_in_the_database_file(personas, tmp_path):
    with file_database(tmp_path) if is_sqlite() else nullcontext() as path:
        submission, _case, referral = refer(personas)
        ask(personas, referral)
        services.worker_message_send(code=submission.receipt_code, body="respuesta-canaria-9090")
        stolen = sqlite_file_bytes(path) if path is not None else pg_dump_text().encode()
        if path is not None:
            assert b"reports.inspector_message" in stolen  # the copy holds the flow's writes
        for canary in ("pregunta-inspeccion-8841", "respuesta-canaria-9090"):
            assert canary.encode() not in stolen
            assert canary.encode("utf-16-le") not in stolen


def test_the_api_status_carries_the_question_and_the_outcome(personas):
    submission, _case, referral = refer(personas)
    ask(personas, referral)
    _found, opened = selectors.get_inspector_referral_for(personas.ines, referral.pk)
    services.inspection_outcome_record(
        actor=personas.ines,
        referral=referral,
        opened=opened,
        outcome="no-violation",
        outcome_on=None,
    )
    status = Client().post(
        "/api/reports/status",
        {"code": submission.receipt_code},
        content_type="application/json",
    )
    body = status.json()
    [message] = body["messages"]
    assert (message["sender"], message["asks_more"]) == ("inspector", True)
    with translation.override("es"):
        plain = translation.gettext(
            "The inspectorate did not find that the employer broke the rules. Your caseworker "
            "can tell you what else can be done."
        )
    assert body["inspections"] == [
        {
            "inspectorate": agency().name,
            "outcome": "no-violation",
            "outcome_text": plain,
            "outcome_on": None,
        }
    ]


def test_the_caseworker_hears_that_the_inspectorate_wrote_but_not_what(personas, mailoutbox):
    _submission, case, referral = refer(personas)
    services.case_assign(actor=personas.amina, case=case, assignee_id=personas.amina.pk)
    mailoutbox.clear()
    ask(personas, referral)
    tasks.deliver_waiting_messages.call()
    told = [m for m in mailoutbox if personas.amina.email in m.to]
    assert len(told) == 1
    assert f"/en/reports/cases/{case.pk}/" in told[0].body
    assert all(QUESTION not in m.body for m in mailoutbox)
    assert not [m for m in mailoutbox if personas.dana.email in m.to]
