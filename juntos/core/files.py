"""Recognising uploaded files by their content, never by their name or the browser's claim."""

from __future__ import annotations

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
