"""Uploaded files: recognised by their content (never the name or the browser's claim), and
opened within limits that a crafted file cannot push past."""

from __future__ import annotations

import io

from PIL import Image

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"


def sniff_content_type(data: bytes) -> str:
    """The type of a photo (JPEG, PNG, WebP) or PDF from its first bytes; "" for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.lstrip()[:5] == b"%PDF-":
        return PDF
    return ""


# Decoding limits. A PNG of a few kilobytes can declare 80 million pixels, and decoding it costs
# the server most of a gigabyte. The size a file declares is read from its header and checked
# before any pixel is decoded; Pillow's own guard is set to the same figure, so it refuses
# (rather than warns about) anything over twice the limit even where this check is not called.
# 25 megapixels holds any ordinary phone photo (12 MP is usual) at about 100 MB decoded.
MAX_IMAGE_PIXELS = 25_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS


class ImageTooLarge(ValueError):
    """The image declares more pixels than may be decoded."""


def open_image_within_limits(data: bytes) -> Image.Image:
    """Open an image lazily and refuse it, before decoding, if it declares too many pixels.

    Raises ImageTooLarge, or Pillow's UnidentifiedImageError/OSError for what is not an image.
    """
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise ImageTooLarge(str(exc)) from exc
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS or width <= 0 or height <= 0:
        image.close()
        raise ImageTooLarge(f"{width}x{height} pixels")
    return image
