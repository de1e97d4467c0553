"""Files lose their metadata before they are sealed; their type is read from the bytes."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from juntos.core.files import sniff_content_type as sniff
from juntos.reports.attachments import AttachmentRejected, clean_file
from juntos.reports.tests.factories import jpeg_with_exif, pdf_with_author


def test_photos_lose_their_exif_but_keep_their_picture():
    original = jpeg_with_exif(note="Canon-GPS-49.1N")
    assert b"Canon-GPS-49.1N" in original
    cleaned = clean_file(filename="IMG_2026.jpg", data=original)
    assert cleaned.content_type == "image/jpeg"
    assert b"Canon-GPS-49.1N" not in cleaned.data and b"Pixel 3a" not in cleaned.data
    with Image.open(io.BytesIO(cleaned.data)) as image:
        assert image.size == (40, 30)
        assert not image.getexif()


def test_png_text_chunks_are_dropped():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Rosa Hernandez")
    output = io.BytesIO()
    Image.new("RGBA", (8, 8), (0, 0, 0, 0)).save(output, format="PNG", pnginfo=info)
    cleaned = clean_file(filename="a.png", data=output.getvalue())
    assert b"Rosa Hernandez" not in cleaned.data and cleaned.content_type == "image/png"


def test_pdfs_lose_their_author_and_producer():
    original = pdf_with_author("Rosa Hernandez")
    assert b"Rosa Hernandez" in original
    cleaned = clean_file(filename="contrato.pdf", data=original)
    assert b"Rosa Hernandez" not in cleaned.data and b"PhoneScanner" not in cleaned.data
    reader = PdfReader(io.BytesIO(cleaned.data))
    assert len(reader.pages) == 1 and not reader.metadata


def test_the_name_does_not_decide_the_type():
    with pytest.raises(AttachmentRejected):
        clean_file(filename="photo.jpg", data=b"<html><script>alert(1)</script></html>")
    pdf = clean_file(filename="looks-like.jpg", data=pdf_with_author())
    assert pdf.content_type == "application/pdf"


def test_a_broken_photo_is_refused_clearly():
    with translation.override("en"), pytest.raises(AttachmentRejected, match="could not be read"):
        clean_file(filename="x.jpg", data=b"\xff\xd8\xff" + b"garbage" * 10)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=64))
def test_any_bytes_are_either_accepted_cleanly_or_refused(data):
    try:
        cleaned = clean_file(filename="f", data=data)
    except AttachmentRejected:
        return
    assert sniff(cleaned.data[:16]) == cleaned.content_type
