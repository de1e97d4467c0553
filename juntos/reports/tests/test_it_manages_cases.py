"""Case work: open, assign, contact details, referral versus transfer, closure with a fact."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from juntos.accounts.selectors import organisations_by_slug
from juntos.core.models import AuditEntry
from juntos.monitoring.selectors import fact_table
from juntos.reports import selectors, services
from juntos.reports.models import Case, Report, ReportKey
from juntos.reports.tests.factories import SubmissionFactory


def open_case(personas, **report_kwargs):
    submission = SubmissionFactory.create(**report_kwargs)
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    case = services.case_open(actor=personas.amina, opened=opened)
    return submission, case


def niagara():
    return organisations_by_slug(["niagara-workers-centre"])["niagara-workers-centre"]


def test_contact_details_only_for_the_assigned_caseworker_and_each_reading_audited(
    personas, client_as
):
    _, case = open_case(
        personas,
        contact_mode="confidential",
        contact_channel="whatsapp",
        contact_address="+12505550142",
        contact_name="R.",
    )
    amina = client_as("amina")
    assert (
        amina.post(reverse("reports:case_contact", kwargs={"case_id": case.pk})).status_code == 404
    )
    amina.post(
        reverse("reports:case_assign", kwargs={"case_id": case.pk}), {"assignee": personas.amina.pk}
    )
    for _reading in range(2):
        page = amina.post(reverse("reports:case_contact", kwargs={"case_id": case.pk}))
        assert page.status_code == 200 and "+12505550142" in page.content.decode()
    assert (
        AuditEntry.objects.filter(action="reports.contact_read", object_id=str(case.pk)).count()
        == 2
    )
    assert (
        "+12505550142"
        not in amina.get(reverse("reports:case", kwargs={"case_id": case.pk})).content.decode()
    )
    for other in ("dana", "carl", "ines"):
        assert (
            client_as(other)
            .post(reverse("reports:case_contact", kwargs={"case_id": case.pk}))
            .status_code
            == 404
        )


def test_a_referral_lets_the_other_organisation_help_while_the_owner_keeps_the_case(
    personas, client_as
):
    submission, case = open_case(personas)
    amina, dana = client_as("amina"), client_as("dana")
    case_url = reverse("reports:case", kwargs={"case_id": case.pk})
    amina.post(
        reverse("reports:case_note", kwargs={"case_id": case.pk}),
        {"body": "Nota interna de Fraser"},
    )
    amina.post(
        reverse("reports:case_refer", kwargs={"case_id": case.pk}),
        {"kind": "referral", "to_organisation": niagara().pk},
    )
    offered = dana.get(case_url).content.decode()
    assert "Nota interna de Fraser" not in offered  # notes only once she helps
    referral = selectors.offers_for(personas.dana).get()
    dana.post(
        reverse("reports:offer_answer", kwargs={"referral_id": referral.pk}), {"accept": "yes"}
    )
    assert "Nota interna de Fraser" in dana.get(case_url).content.decode()
    case.refresh_from_db()
    assert case.owner.slug == "fraser-valley-support"
    assert Report.objects.get(pk=submission.report.pk).stage == "referred"
    # The helper works on the case but does not manage it.
    assert (
        dana.post(
            reverse("reports:case_close", kwargs={"case_id": case.pk}), {"outcome": "resolved"}
        ).status_code
        == 404
    )
    case.refresh_from_db()
    assert case.status != "closed"


def test_a_transfer_moves_ownership_and_the_old_owner_lets_go(personas, client_as):
    _, case = open_case(personas)
    client_as("amina").post(
        reverse("reports:case_refer", kwargs={"case_id": case.pk}),
        {"kind": "transfer", "to_organisation": niagara().pk},
    )
    referral = selectors.offers_for(personas.dana).get()
    services.referral_respond(actor=personas.dana, referral=referral, accept=True)
    case.refresh_from_db()
    assert case.owner_id == niagara().pk and case.assigned_to_id is None
    assert (
        client_as("amina").get(reverse("reports:case", kwargs={"case_id": case.pk})).status_code
        == 403  # a page saying it is no longer hers: test_it_explains_a_case_let_go
    )
    assert set(ReportKey.objects.filter(report=case.report).values_list("role", flat=True)) == {
        "owner"
    }


def test_a_declined_offer_takes_the_key_back(personas):
    _, case = open_case(personas)
    opened = selectors.get_report_for(personas.amina, case.report_id)
    referral = services.referral_create(
        actor=personas.amina,
        case=case,
        opened=opened,
        to_organisation_id=niagara().pk,
        kind="referral",
    )
    services.referral_respond(actor=personas.dana, referral=referral, accept=False)
    assert not ReportKey.objects.filter(report=case.report, organisation=niagara()).exists()


def test_no_inspectorate_referral_without_the_workers_yes(personas):
    submission, case = open_case(personas)
    opened = selectors.get_report_for(personas.amina, case.report_id)
    agency = organisations_by_slug(["tfw-integrity"])["tfw-integrity"]
    consent = services.consent_request(
        actor=personas.amina, case=case, opened=opened, inspectorate_id=agency.pk
    )
    assert not selectors.inspector_referrals_for(personas.ines).exists()
    services.consent_answer(code=submission.receipt_code, consent_id=consent.pk, give=False)
    assert not selectors.inspector_referrals_for(personas.ines).exists()
    assert not ReportKey.objects.filter(report=case.report, organisation=agency).exists()


def test_closing_records_a_coarse_fact_and_the_worker_sees_closed(personas, client_as):
    submission, case = open_case(personas, category="housing", province="BC", program="sawp-mx")
    client_as("amina").post(
        reverse("reports:case_close", kwargs={"case_id": case.pk}), {"outcome": "resolved"}
    )
    assert Report.objects.get(pk=submission.report.pk).stage == "closed"
    assert Case.objects.get(pk=case.pk).outcome == "resolved"
    cells = fact_table(
        "reports.closed", group_by=("province", "program", "category", "outcome"), threshold=1
    )
    assert [(c.dimensions, c.count) for c in cells] == [
        ({"province": "BC", "program": "sawp-mx", "category": "housing", "outcome": "resolved"}, 1)
    ]
    received = fact_table(
        "reports.received", group_by=("category", "organisation_id", "language"), threshold=1
    )
    # Facts carry month, province, program, category, outcome — never the organisation or language.
    assert [c.dimensions for c in received] == [
        {"category": "housing", "organisation_id": None, "language": ""}
    ]


def test_only_recipients_open_cases_and_only_once(personas):
    submission = SubmissionFactory.create()
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    services.case_open(actor=personas.amina, opened=opened)
    with pytest.raises(PermissionDenied):
        services.case_open(
            actor=personas.amina,
            opened=selectors.get_report_for(personas.amina, submission.report.pk),
        )


def test_the_inspector_reads_only_files_of_reports_referred_to_her(personas, client_as):
    from juntos.reports.attachments import clean_file
    from juntos.reports.tests.factories import jpeg_with_exif

    photo = clean_file(filename="casa.jpg", data=jpeg_with_exif())
    referred, case = open_case(personas, files=[photo])
    kept, _other = open_case(personas, files=[photo])
    opened = selectors.get_report_for(personas.amina, case.report_id)
    agency = organisations_by_slug(["tfw-integrity"])["tfw-integrity"]
    consent = services.consent_request(
        actor=personas.amina, case=case, opened=opened, inspectorate_id=agency.pk
    )
    services.consent_answer(code=referred.receipt_code, consent_id=consent.pk, give=True)
    ines = client_as("ines")

    def file_url(submission):
        attachment = submission.report.attachments.get()
        return reverse("reports:attachment", kwargs={"attachment_id": attachment.pk})

    response = ines.get(file_url(referred))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response.content.startswith(b"\xff\xd8\xff") and b"Pixel 3a" not in response.content
    assert ines.get(file_url(kept)).status_code == 404
    assert client_as("carl").get(file_url(referred)).status_code == 404


def test_a_case_where_the_worker_wrote_last_is_flagged_and_listed_first(personas, client_as):
    first, older = open_case(personas)
    _, newer = open_case(personas)
    queue = reverse("reports:queue")
    page = client_as("amina").get(queue).content.decode()
    assert "The worker wrote: reply" not in page
    assert page.index(f"#{newer.pk}<") < page.index(f"#{older.pk}<")  # newest first

    services.worker_message_send(code=first.receipt_code, body="¿Hay noticias?")
    page = client_as("amina").get(queue).content.decode()
    assert page.count("The worker wrote: reply") == 1
    assert page.index(f"#{older.pk}<") < page.index(f"#{newer.pk}<")  # she waits: first
    assert "Hay noticias" not in page  # the flag, never her words

    opened = selectors.get_report_for(personas.amina, first.report.pk)
    services.case_message_send(actor=personas.amina, case=older, opened=opened, body="Sí, mañana.")
    page = client_as("amina").get(queue).content.decode()
    assert "The worker wrote: reply" not in page


@pytest.mark.parametrize("name", ["case_note", "case_message"])
def test_a_refused_note_or_message_comes_back_as_typed_with_the_reason(personas, client_as, name):
    from juntos.reports.models import CaseNote, Message

    _submission, case = open_case(personas)
    typed = "Llamé al patrón. " * 700  # over the 10,000 characters a text may hold
    before = (CaseNote.objects.count(), Message.objects.count())
    page = client_as("amina").post(
        reverse(f"reports:{name}", kwargs={"case_id": case.pk}), {"body": typed}
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert typed.strip() in html  # what she wrote is still in the box
    assert "at most 10000 characters" in html or "10,000" in html
    assert 'aria-invalid="true"' in html or "_error" in html
    assert (CaseNote.objects.count(), Message.objects.count()) == before
