"""By her code, the worker re-reads what she sent and the names of her files."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import translation

from juntos.reports import services
from juntos.reports.attachments import clean_file
from juntos.reports.tests.factories import SubmissionFactory, jpeg_with_exif
from juntos.testing.queries import assert_queries_do_not_grow


def status_url():
    with translation.override("es"):
        return reverse("reports:status")


def test_the_worker_rereads_her_story_and_her_files_by_code(db):
    submission = SubmissionFactory.create(
        employer_name="Granja Los Pinos",
        details="Nos descuentan la vivienda dos veces.",
        files=[clean_file(filename="recibo-marzo.jpg", data=jpeg_with_exif())],
    )
    services.report_attach_document_by_code(
        receipt_code=submission.receipt_code,
        filename="contrato.jpg",
        content_type="",
        data=jpeg_with_exif(),
    )
    html = Client().post(status_url(), {"code": submission.receipt_code}).content.decode()
    assert "Nos descuentan la vivienda dos veces." in html
    assert "Granja Los Pinos" in html
    assert "recibo-marzo.jpg" in html and "contrato.jpg" in html
    assert "<details>" in html  # hidden until she opens it, with no script


def test_another_code_shows_nothing_of_it(db):
    SubmissionFactory.create(details="Nos descuentan la vivienda dos veces.")
    other = SubmissionFactory.create(details="Otra cosa.")
    html = Client().post(status_url(), {"code": other.receipt_code}).content.decode()
    assert "vivienda" not in html


def test_the_status_page_does_not_grow_with_files(db):
    submission = SubmissionFactory.create()
    client = Client()

    def add(n):
        for i in range(n):
            services.report_attach_document_by_code(
                receipt_code=submission.receipt_code,
                filename=f"foto-{i}.jpg",
                content_type="",
                data=jpeg_with_exif(),
            )

    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.post(reverse("reports:status"), {"code": submission.receipt_code}),
        limit=8,
    )
