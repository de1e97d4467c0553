"""The issue's done-when walk, end to end through the pages, in Spanish."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from juntos.accounts.selectors import organisations_by_slug
from juntos.reports.choices import Stage
from juntos.reports.tests.factories import jpeg_with_exif

CODE = re.compile(r"<strong>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})</strong>")


def found(match: re.Match[str] | None) -> str:
    assert match is not None
    return match.group(1)


def es(name: str, **kwargs: object) -> str:
    with translation.override("es"):
        return reverse(name, kwargs=kwargs or None)


def status_page(client: Client, code: str) -> str:
    response = client.post(es("reports:status"), {"code": code})
    assert response.status_code == 200
    return response.content.decode()


def stage_label(stage: Stage) -> str:
    with translation.override("es"):
        return str(stage.label)


def test_the_whole_walk(personas, client_as):
    rosa = Client()
    page = rosa.get(es("reports:intake"))
    assert page.status_code == 200 and 'lang="es"' in page.content.decode()
    assert "Reporte un problema con seguridad" in page.content.decode()
    photo = SimpleUploadedFile("foto.jpg", jpeg_with_exif(), content_type="image/jpeg")
    sent = rosa.post(
        es("reports:intake"),
        {
            "category": "wage-theft",
            "province": "BC",
            "program": "sawp-mx",
            "employer_name": "Granja del Valle",
            "details": "El patrón no pagó tres semanas de horas extra.",
            "contact_mode": "anonymous",
            "attachments": [photo],
        },
    )
    assert sent.status_code == 200
    code = found(CODE.search(sent.content.decode()))
    assert stage_label(Stage.RECEIVED) in status_page(rosa, code)

    amina = client_as("amina")
    queue = amina.get(es("reports:queue")).content.decode()
    report_url = found(re.search(r'href="(/es/reports/reports/[0-9a-f-]+/)"', queue))
    report_page = amina.get(report_url).content.decode()
    assert "tres semanas de horas extra" in report_page and "foto.jpg" in report_page
    opened = amina.post(report_url + "open/")
    case_url = opened["Location"]
    case_id = int(case_url.rstrip("/").rsplit("/", 1)[-1])
    amina.post(es("reports:case_note", case_id=case_id), {"body": "Posible patrón en esta granja."})
    amina.post(es("reports:case_message", case_id=case_id), {"body": "¿Desde qué mes pasa esto?"})

    status = status_page(rosa, code)
    assert "¿Desde qué mes pasa esto?" in status and "Posible patrón" not in status
    assert stage_label(Stage.REVIEWING) in status
    answered = rosa.post(es("reports:status_message"), {"code": code, "body": "Desde junio."})
    assert answered.status_code == 200
    assert "Desde junio." in amina.get(case_url).content.decode()

    inspectorate = organisations_by_slug(["tfw-integrity"])["tfw-integrity"]
    amina.post(es("reports:case_consent", case_id=case_id), {"inspectorate": inspectorate.pk})
    ines = client_as("ines")
    assert "Granja del Valle" not in ines.get(es("reports:inspector_list")).content.decode()
    status = status_page(rosa, code)
    consent_id = found(re.search(r'name="consent" value="([0-9a-f-]+)"', status))
    rosa.post(es("reports:status_consent"), {"code": code, "consent": consent_id, "answer": "yes"})
    assert stage_label(Stage.REFERRED) in status_page(rosa, code)

    listing = ines.get(es("reports:inspector_list")).content.decode()
    referral_url = found(re.search(r'href="(/es/reports/inspectorate/\d+/)"', listing))
    seen = ines.get(referral_url).content.decode()
    assert "tres semanas de horas extra" in seen and "Granja del Valle" in seen
    assert "Posible patrón" not in seen and "Desde junio." not in seen

    for outsider in ("carl", "rita", "dana", "ben"):
        other = client_as(outsider)
        assert other.get(case_url).status_code == 404
        assert other.get(report_url).status_code == 404
        assert other.get(referral_url).status_code == 404
        assert "Granja del Valle" not in other.get(es("reports:queue")).content.decode()

    # The inspector replies, asks for more through the worker's page, and records an outcome.
    ines.post(
        referral_url + "message/",
        {"body": "¿Tiene fotos de sus recibos de pago?", "asks_more": "on"},
    )
    status = status_page(rosa, code)
    with translation.override("es"):
        asked = translation.gettext("The inspectorate asks you for more information")
    assert asked in status and "¿Tiene fotos de sus recibos de pago?" in status
    rosa.post(es("reports:status_message"), {"code": code, "body": "Sí, mando dos."})
    assert "Sí, mando dos." in ines.get(referral_url).content.decode()
    ines.post(referral_url + "outcome/", {"outcome": "order-issued", "outcome_on": ""})
    with translation.override("es"):
        plain = translation.gettext(
            "The inspectorate found that the employer broke the rules and ordered the employer "
            "to put it right."
        )
        order = translation.gettext("Violation found: order issued")
    status = status_page(rosa, code)
    assert plain in status and asked not in status
    case_page = amina.get(case_url).content.decode()
    assert order in case_page and "¿Tiene fotos de sus recibos de pago?" in case_page
