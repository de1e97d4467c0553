"""Without JavaScript, a photo chosen before "Buscar empleador" still reaches the report.

The step sends the page again and a browser never re-sends a chosen file: the file is kept
sealed on the server under a token the page carries, and sent with the report.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from juntos.reports import selectors
from juntos.reports.models import HeldFile, Report
from juntos.reports.tests.factories import jpeg_with_exif
from tests.browser.chromium import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_photo_survives_the_employer_search_without_javascript(
    new_page: Any, personas: Any, tmp_path: Path
):
    photo = tmp_path / "moho-en-la-pared.jpg"
    photo.write_bytes(jpeg_with_exif(note="GPS"))
    page = new_page(viewport=PHONE, javascript=False)
    page.goto("/es/reports/")
    page.get_by_label("Vivienda").check()
    page.get_by_label("Cuéntenos qué pasó").fill("La casa tiene moho en las paredes.")
    page.get_by_label("Fotos o documentos").set_input_files(str(photo))
    page.get_by_label("Nombre del empleador o de la granja").fill("Granja del Valle")
    page.get_by_role("button", name="Buscar empleador").click()

    page.get_by_text("moho-en-la-pared.jpg").wait_for()  # she is told the photo is kept
    assert page.get_by_label("Cuéntenos qué pasó").input_value().startswith("La casa tiene moho")
    assert HeldFile.objects.count() == 1
    page.get_by_role("button", name="Enviar mi reporte").click()

    code = page.locator("strong").filter(has_text=re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$"))
    code.first.wait_for()
    report = Report.objects.get()
    assert selectors.attachment_count(report) == 1
    opened = selectors.get_report_for(personas.amina, report.pk)
    [(_attachment, name)] = selectors.attachment_names(opened)
    assert name == "moho-en-la-pared.jpg"
    assert not HeldFile.objects.exists()
