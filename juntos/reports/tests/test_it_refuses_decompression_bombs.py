"""A tiny file that declares a huge picture is refused from its header, before decoding."""

from __future__ import annotations

import struct
import time
import tracemalloc
import zlib

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from juntos.core.files import MAX_IMAGE_PIXELS, ImageTooLarge, open_image_within_limits
from juntos.reports.attachments import AttachmentRejected, clean_file
from juntos.reports.models import Report
from juntos.reports.tests.access import INTAKE


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int = 10_000, height: int = 8_000) -> bytes:
    """A valid 1-bit grey PNG of width x height blank pixels: a few kilobytes on disk."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    pixels = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def test_the_bomb_is_small_and_declares_eighty_megapixels():
    bomb = png_bomb()
    assert len(bomb) < 12_000
    assert struct.unpack(">II", bomb[16:24]) == (10_000, 8_000)  # the IHDR's width and height


def test_it_is_refused_before_decoding_in_little_time_and_memory():
    bomb = png_bomb()
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(AttachmentRejected) as refused:
        clean_file(filename="foto.png", data=bomb)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "too large" in str(refused.value)
    assert peak < 5 * 1024 * 1024 and elapsed < 1.0  # decoding it would take ~800 MB


def test_just_over_the_limit_is_refused_and_just_under_is_opened():
    with pytest.raises(ImageTooLarge):
        open_image_within_limits(png_bomb(5_001, 5_000))
    with open_image_within_limits(png_bomb(1_000, 1_000)) as image:
        assert image.size == (1_000, 1_000)
    assert MAX_IMAGE_PIXELS == Image.MAX_IMAGE_PIXELS  # Pillow refuses over 2x everywhere


def test_the_reason_is_given_in_the_workers_language():
    with translation.override("es"), pytest.raises(AttachmentRejected) as refused:
        clean_file(filename="foto.png", data=png_bomb())
    assert "megapíxeles" in str(refused.value)
    with translation.override("fr"), pytest.raises(AttachmentRejected) as refused:
        clean_file(filename="foto.png", data=png_bomb())
    assert "mégapixels" in str(refused.value)


@pytest.mark.django_db
def test_the_intake_page_refuses_it_and_keeps_the_story(personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bomb = SimpleUploadedFile("foto.png", png_bomb(), content_type="image/png")
    response = Client().post(
        reverse("reports:intake").replace("/en/", "/es/"), {**INTAKE, "attachments": [bomb]}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "megapíxeles" in page
    assert "La casa no tiene calefacción." in page
    assert not Report.objects.exists()
