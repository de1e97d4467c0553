"""Checking and cleaning files before they are sealed: type by content, size, no metadata.

Photos are re-encoded without EXIF (which can hold the phone, the place and the time); PDFs are
rebuilt page by page without their information dictionary or XMP streams (author, software).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject

from juntos.core.files import (
    JPEG,
    MAX_IMAGE_PIXELS,
    PDF,
    PNG,
    ImageTooLarge,
    open_image_within_limits,
    sniff_content_type,
)

# At DEBUG, Pillow logs every EXIF tag it reads, values included (device, place, time): the very
# data this module removes. Its loggers never go below INFO, whatever the site's log level.
logging.getLogger("PIL").setLevel(max(logging.getLogger("PIL").level, logging.INFO))

MAX_FILES = 3


def max_file_bytes() -> int:
    return settings.JUNTOS_REPORTS_MAX_FILE_BYTES


class AttachmentRejected(ValueError):
    """The file cannot be accepted; the message says why in the person's language."""


@dataclass(frozen=True)
class CleanFile:
    filename: str
    content_type: str
    data: bytes


def check_size(size: int) -> None:
    """Reject a file over the limit before reading it."""
    if size > max_file_bytes():
        raise AttachmentRejected(
            _("This file is too big (%(size)s MB). Each file may be up to %(limit)s MB.")
            % {"size": round(size / 1_048_576, 1), "limit": max_file_bytes() // 1_048_576}
        )


def clean_file(*, filename: str, data: bytes) -> CleanFile:
    """Check type and size, and return the file without its metadata."""
    check_size(len(data))
    kind = sniff_content_type(data[:16])
    if not kind:
        raise AttachmentRejected(_("Please send a photo (JPEG, PNG or WebP) or a PDF document."))
    cleaned = _clean_pdf(data) if kind == PDF else _clean_image(data, kind)
    return CleanFile(filename=_safe_name(filename), content_type=kind, data=cleaned)


def _clean_image(data: bytes, kind: str) -> bytes:
    try:
        with open_image_within_limits(data) as image:  # the pixel count is checked first
            image.load()
            # Keep the picture upright, since the orientation tag is about to go.
            upright = ImageOps.exif_transpose(image)
    except ImageTooLarge as exc:
        raise AttachmentRejected(
            _(
                "This photo is too large for us to read safely (more than %(limit)s megapixels). "
                "Please send a smaller photo or a screenshot."
            )
            % {"limit": MAX_IMAGE_PIXELS // 1_000_000}
        ) from exc
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as exc:
        raise AttachmentRejected(_("This photo could not be read. Please try another.")) from exc
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


def _clean_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise AttachmentRejected(
                _("This PDF is locked with a password. Please send it unlocked.")
            )
        writer = PdfWriter()
        for page in reader.pages:
            page.pop(NameObject("/Metadata"), None)
            writer.add_page(page)
    except AttachmentRejected:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise AttachmentRejected(_("This PDF could not be read. Please try another.")) from exc
    writer.metadata = None
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _safe_name(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:120] or "file"
