"""Checking and cleaning files before they are sealed: type by content, size, no metadata.

Photos are re-encoded without EXIF (which can hold the phone, the place and the time); PDFs are
rebuilt page by page without their information dictionary or XMP streams (author, software).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from juntos.core.files import (
    MAX_IMAGE_PIXELS,
    PDF,
    ImageTooLarge,
    UnreadableFile,
    image_without_metadata,
    pdf_without_metadata,
    sniff_content_type,
)

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
        return image_without_metadata(data, kind)
    except ImageTooLarge as exc:
        raise AttachmentRejected(
            _(
                "This photo is too large for us to read safely (more than %(limit)s megapixels). "
                "Please send a smaller photo or a screenshot."
            )
            % {"limit": MAX_IMAGE_PIXELS // 1_000_000}
        ) from exc
    except UnreadableFile as exc:
        raise AttachmentRejected(_("This photo could not be read. Please try another.")) from exc


def _clean_pdf(data: bytes) -> bytes:
    try:
        return pdf_without_metadata(data)
    except UnreadableFile as exc:
        if exc.locked:
            raise AttachmentRejected(
                _("This PDF is locked with a password. Please send it unlocked.")
            ) from exc
        raise AttachmentRejected(_("This PDF could not be read. Please try another.")) from exc


def _safe_name(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:120] or "file"
