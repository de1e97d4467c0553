"""Uploaded files: recognised by their content (never the name or the browser's claim), opened
within limits that a crafted file cannot push past, and stripped of their metadata (used for
report attachments and for vault documents a worker shares)."""

from __future__ import annotations

import io
import logging

from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject

# At DEBUG, Pillow logs every EXIF tag it reads, values included (device, place, time): the very
# data this module removes. Its loggers never go below INFO, whatever the site's log level.
logging.getLogger("PIL").setLevel(max(logging.getLogger("PIL").level, logging.INFO))

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


class UnreadableFile(ValueError):
    """The photo or PDF cannot be read, so its metadata cannot be removed; `locked` for a PDF
    behind a password."""

    def __init__(self, message: str = "", *, locked: bool = False) -> None:
        super().__init__(message)
        self.locked = locked


def image_without_metadata(data: bytes, kind: str) -> bytes:
    """The photo re-encoded from its pixels: no EXIF (phone, place, time), XMP, ICC or text.

    Raises ImageTooLarge, or UnreadableFile for what cannot be decoded.
    """
    try:
        with open_image_within_limits(data) as image:  # the pixel count is checked first
            image.load()
            # Keep the picture upright, since the orientation tag is about to go.
            upright = ImageOps.exif_transpose(image)
    except ImageTooLarge:
        raise
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise UnreadableFile(str(exc)) from exc
    if upright.mode not in ("RGB", "RGBA", "L"):
        upright = upright.convert("RGBA" if "transparency" in upright.info else "RGB")
    # Rebuilt from raw pixels, the new image carries none of the old one's EXIF, XMP or ICC.
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    output = io.BytesIO()
    if kind == JPEG:
        clean.convert("RGB").save(output, format="JPEG", quality=88)
    else:
        clean.save(output, format="PNG" if kind == PNG else "WEBP")
    return output.getvalue()


def pdf_without_metadata(data: bytes) -> bytes:
    """The PDF rebuilt page by page without its information dictionary or XMP streams."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableFile("locked", locked=True)
        writer = PdfWriter()
        for page in reader.pages:
            page.pop(NameObject("/Metadata"), None)
            writer.add_page(page)
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableFile(str(exc)) from exc
    writer.metadata = None
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def without_metadata(data: bytes) -> bytes:
    """A photo or PDF without its metadata; any other file (plain text) as it is."""
    kind = sniff_content_type(data[:16])
    if kind == PDF:
        return pdf_without_metadata(data)
    if kind:
        return image_without_metadata(data, kind)
    return data
