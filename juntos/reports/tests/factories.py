"""Factories for reports: every report is made through the real intake service."""

from __future__ import annotations

import io
from typing import Any

import factory
from PIL import Image

from juntos.reports import services
from juntos.reports.attachments import CleanFile


def jpeg_with_exif(*, size: tuple[int, int] = (40, 30), note: str = "Canon-GPS-49.1N") -> bytes:
    """A small JPEG carrying EXIF (camera make, a GPS-looking note) to prove it is removed."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = note  # Make
    exif[0x0110] = "Pixel 3a"  # Model
    exif[0x0132] = "2026:07:14 06:12:33"  # DateTime
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif.tobytes())
    return output.getvalue()


def pdf_with_author(author: str = "Rosa Hernandez") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": author, "/Producer": "PhoneScanner 2.1"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


class SubmissionFactory(factory.Factory[services.Submission]):
    """services.report_submit with sensible defaults: a BC wage-theft report in Spanish."""

    class Meta:
        model = services.Submission

    category = "wage-theft"
    details = factory.Sequence(lambda n: f"No nos pagaron las horas extra, semana {n}.")
    language = "es"
    province = "BC"
    program = "sawp-mx"
    employer_name = "Granja Ejemplo"
    employer_site_id: Any = None
    contact_mode = "anonymous"
    contact_channel = ""
    contact_address = ""
    files: list[CleanFile] = []

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> services.Submission:
        return services.report_submit(**kwargs)

    _build = _create


def supervisor_at(slug: str = "fraser-valley-support", name: str = "Sofia") -> Any:
    """A supervisor of an organisation (not a persona): with her, its closures and transfers
    need approval."""
    from juntos.accounts.choices import Channel, Role, Sector
    from juntos.accounts.selectors import organisations_by_slug
    from juntos.accounts.services import membership_grant, person_create

    person = person_create(
        actor=None,
        display_name=name,
        password="juntos-demo-2026",
        email=f"{name.lower()}@{slug}.example.org",
        language="es",
        channel=Channel.EMAIL,
        sector=Sector.CIVIL_SOCIETY,
        province="BC",
    )
    organisation = organisations_by_slug([slug])[slug]
    membership_grant(actor=None, user=person, organisation=organisation, role=Role.SUPERVISOR)
    return person
