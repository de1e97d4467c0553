"""Adding a document to a report by its receipt code: from her status page, the API, the vault."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from juntos.reports import selectors, services
from juntos.reports.attachments import AttachmentRejected
from juntos.reports.tests.factories import SubmissionFactory, jpeg_with_exif, pdf_with_author


def test_a_known_code_gets_the_document_cleaned_and_sealed(personas):
    submission = SubmissionFactory.create()
    added = services.report_attach_document_by_code(
        receipt_code=submission.receipt_code.lower(),
        filename="contrato.pdf",
        content_type="image/png",  # only a hint: the bytes decide
        data=pdf_with_author("Rosa Hernandez"),
    )
    assert added is True
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    [(attachment, name)] = selectors.attachment_names(opened)
    assert name == "contrato.pdf" and attachment.content_type == "application/pdf"
    assert b"Rosa Hernandez" not in bytes(attachment.sealed_data)


def test_an_unknown_code_is_false_and_counts_against_the_limit(personas):
    with override_settings(JUNTOS_REPORTS_CODE_FAILURES_GLOBAL=2):
        for _ in range(2):
            assert not services.report_attach_document_by_code(
                receipt_code="HHHH-0000-0000-0000-0000",
                filename="a.pdf",
                content_type="",
                data=b"%PDF-",
            )
        with pytest.raises(services.ReceiptRejected) as caught:
            services.receipt_open(code="HHHH-1111-1111-1111-1111")
        assert caught.value.throttled


def test_a_bad_file_is_refused_with_a_reason(personas):
    submission = SubmissionFactory.create()
    with pytest.raises(AttachmentRejected):
        services.report_attach_document_by_code(
            receipt_code=submission.receipt_code, filename="x.exe", content_type="", data=b"MZ\x90"
        )


def _photo(data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile("casa.jpg", data or jpeg_with_exif(), content_type="image/jpeg")


def _held(personas, submission) -> list[bytes]:
    opened = selectors.get_report_for(personas.amina, submission.report.pk)
    return [bytes(a.sealed_data) for a, _name in selectors.attachment_names(opened)]


def test_she_adds_a_photo_on_her_status_page_in_spanish(personas):
    submission = SubmissionFactory.create()
    client = Client()
    page = client.post("/es/reports/status/", {"code": submission.receipt_code})
    assert "Fotos y documentos" in page.content.decode()
    page = client.post(
        "/es/reports/status/file/", {"code": submission.receipt_code, "file": _photo()}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Su archivo se agregó a su reporte." in html and "Su reporte tiene 1 archivo." in html
    [sealed] = _held(personas, submission)
    assert b"Canon-GPS" not in sealed  # sealed, and its EXIF was removed before sealing


def test_a_refused_file_says_why_and_keeps_her_on_her_report(personas, settings):
    settings.JUNTOS_REPORTS_MAX_FILE_BYTES = 1024
    submission = SubmissionFactory.create()
    client = Client()
    page = client.post(
        "/es/reports/status/file/",
        {"code": submission.receipt_code, "file": _photo(b"\xff\xd8" + b"0" * 4096)},
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert "demasiado grande" in html and "Mensajes" in html  # still her report page
    page = client.post(
        "/es/reports/status/file/", {"code": submission.receipt_code, "file": _photo(b"MZ\x90")}
    )
    assert page.status_code == 400 and "PDF" in page.content.decode()
    page = client.post("/es/reports/status/file/", {"code": submission.receipt_code})
    assert page.status_code == 400 and "Elija un archivo." in page.content.decode()
    assert _held(personas, submission) == []


def test_a_wrong_code_on_the_file_form_goes_back_to_the_code_form(personas):
    page = Client().post(
        reverse("reports:status_attach"), {"code": "HHHH-0000-0000-0000-0000", "file": _photo()}
    )
    assert page.status_code == 400
    assert "No report has this code" in page.content.decode()


def test_the_api_takes_a_photo_as_a_multipart_form(personas):
    submission = SubmissionFactory.create()
    client = Client()
    answer = client.post(
        "/api/reports/attachments", {"code": submission.receipt_code, "file": _photo()}
    )
    assert answer.status_code == 201, answer.content
    status = client.post(
        "/api/reports/status", {"code": submission.receipt_code}, content_type="application/json"
    )
    assert status.json()["files"] == 1
    refused = client.post(
        "/api/reports/attachments", {"code": submission.receipt_code, "file": _photo(b"MZ\x90")}
    )
    assert refused.status_code == 400 and "PDF" in refused.json()["detail"]
    unknown = client.post(
        "/api/reports/attachments", {"code": "HHHH-0000-0000-0000-0000", "file": _photo()}
    )
    assert unknown.status_code == 404
    assert len(_held(personas, submission)) == 1
