"""Other apps (the learning vault) attach a document to a report by its receipt code."""

from __future__ import annotations

import pytest
from django.test import override_settings

from juntos.reports import selectors, services
from juntos.reports.attachments import AttachmentRejected
from juntos.reports.tests.factories import SubmissionFactory, pdf_with_author


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
    with override_settings(JUNTOS_REPORTS_CODE_FAILURES_PER_PREFIX=2):
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
