"""Printable pamphlets: HTML rendered to PDF by WeasyPrint, with a QR code to the live page."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone


def qr_data_uri(url: str) -> str:
    """An SVG QR code for the URL, as a data: URI the PDF can embed."""
    return segno.make(url, error="m").svg_data_uri(scale=4)


def pdf_response(
    template: str, context: dict[str, Any], *, live_path: str, filename: str
) -> HttpResponse:
    """Render the template to a PDF that carries the print date and a QR code to live_path."""
    from weasyprint import HTML  # imported here: loading its libraries is slow

    live_url = settings.SITE_URL + live_path
    html = render_to_string(
        template,
        {
            **context,
            "live_url": live_url,
            "qr": qr_data_uri(live_url),
            "printed_on": timezone.localdate(),
        },
    )
    pdf = HTML(string=html, base_url=settings.SITE_URL).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
