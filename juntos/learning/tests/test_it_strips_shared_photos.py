"""A photo shared from the vault reaches the caseworker without its GPS, time or phone model."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from juntos.learning.services import document_share, document_upload
from juntos.reports.tests.factories import jpeg_with_exif, pdf_with_author

pytestmark = pytest.mark.django_db


def _shared(personas, *, filename: str, data: bytes) -> str:
    document = document_upload(
        actor=personas.rosa, kind="photo", title="Cabaña", filename=filename, data=data
    )
    document_share(actor=personas.rosa, document=document, caseworker_email=personas.amina.email)
    return f"/en/learning/vault/{document.pk}/file/"


def test_the_caseworker_gets_the_photo_without_its_exif_and_the_worker_keeps_hers(personas):
    original = jpeg_with_exif(note="GPS-49.1N-122.3W")
    url = _shared(personas, filename="IMG_0714.jpg", data=original)
    seen = personas.client_for("amina").get(url).content
    assert b"GPS-49.1N-122.3W" not in seen and b"Pixel 3a" not in seen
    with Image.open(io.BytesIO(seen)) as image:
        assert image.size == (40, 30) and not image.getexif()
    assert personas.client_for("rosa").get(url).content == original


def test_a_shared_pdf_loses_its_author(personas):
    url = _shared(personas, filename="contrato.pdf", data=pdf_with_author("Rosa Hernandez"))
    seen = personas.client_for("amina").get(url).content
    assert seen.startswith(b"%PDF-") and b"Rosa Hernandez" not in seen
