"""The PDF certificate: HTML rendered by WeasyPrint, with a QR code of the short verify URL."""

from __future__ import annotations

import segno
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from juntos.credentials.links import verify_short_url
from juntos.credentials.models import Credential


def certificate_pdf(credential: Credential, mappings: list[object]) -> HttpResponse:
    """A one-page certificate; the QR carries the short URL, printed under it as text too."""
    from weasyprint import HTML  # imported here: loading its libraries is slow

    url = verify_short_url(credential.short_id)
    html = render_to_string(
        "credentials/pdf/certificate.html",
        {
            "credential": credential,
            "mappings": mappings,
            "verify_url": url,
            "qr": segno.make(url, error="m").svg_data_uri(scale=4),
            "printed_on": timezone.localdate(),
        },
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="credential-{credential.short_id}.pdf"'
    return response
