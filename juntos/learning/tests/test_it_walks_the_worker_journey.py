"""The issue's done-when walk, in Spanish, as a new worker would do it."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from juntos.accounts.services import person_create
from juntos.learning.choices import EnrolmentStatus, GoalKind
from juntos.learning.models import Enrolment, VaultDocument, WorkerProfile
from juntos.learning.services import enrolment_create, workshop_attendee_add, workshop_create
from juntos.learning.tests.factories import SessionFactory, today
from juntos.testing.outbox import outbox_last
from juntos.testing.personas import logged_in_client


def _pay_slip() -> bytes:
    """A real one-page PDF whose metadata names its author, as a phone scanner writes it."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Marisol Ruiz", "/Title": "talon de pago: 80 horas a 17.85"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


PAY_SLIP = _pay_slip()


def _spanish(user: Any) -> Client:
    client = logged_in_client(user)
    client.cookies["juntos_language"] = "es"
    return client


def _claim_code_from_sms(phone: str) -> str:
    message = outbox_last(phone, channel="sms")
    assert "Juntos" in message.body
    match = re.search(r"([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})", message.body)
    assert match, message.body
    return match.group(1)


def test_a_new_worker_walks_from_the_workshop_to_her_exported_data(
    personas: Any, partner: Any, provider: Any, course: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # At the workshop in Oaxaca, Lucía registers Marisol by her phone; the code goes out by SMS.
    workshop = workshop_create(
        actor=partner.staff,
        organisation_id=partner.organisation.pk,
        title="Taller previo a la salida, marzo",
        held_on=today(),
        place="Oaxaca de Juárez",
        country="MX",
        language="es",
    )
    with django_capture_on_commit_callbacks(execute=True):
        workshop_attendee_add(
            actor=partner.staff, workshop=workshop, display_name="Marisol", phone="+52 951 123 4567"
        )
    code = _claim_code_from_sms("+529511234567")
    sms = outbox_last("+529511234567")
    assert "tu perfil" in sms.body.lower()  # written in the workshop's language

    # Marisol creates her account and claims the profile, in Spanish.
    marisol = person_create(
        actor=None,
        display_name="Marisol Pérez",
        password="marisol-pass-2026",
        phone="+529511234567",
        language="es",
        channel="sms",
    )
    client = _spanish(marisol)
    response = client.post("/es/learning/claim/", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302, response.content.decode()[:500]
    profile = WorkerProfile.objects.get(user=marisol)
    assert profile.workshops.filter(workshop=workshop).exists()

    # Two goals.
    for kind in (GoalKind.START_BUSINESS, GoalKind.ENGLISH):
        assert (
            client.post("/es/learning/profile/add/goal/", {"kind": kind, "note": ""}).status_code
            == 302
        )
    page = client.get("/es/learning/profile/").content.decode()
    assert "Iniciar un negocio" in page and "Aprender inglés" in page

    # A full course: rosa holds its only place. Marisol joins the waiting list.
    session = SessionFactory.create(course=course, capacity=1)
    enrolment_create(actor=personas.rosa, session=session)
    response = client.post(f"/es/learning/sessions/{session.pk}/enrol/")
    assert response.status_code == 302
    waiting = Enrolment.objects.get(session=session, user=marisol)
    assert waiting.status == EnrolmentStatus.WAITLISTED

    # Rosa gives up her place: Marisol is promoted in the same transaction and told by SMS.
    rosa_enrolment = Enrolment.objects.get(session=session, user=personas.rosa)
    with django_capture_on_commit_callbacks(execute=True):
        _spanish(personas.rosa).post(f"/es/learning/enrolments/{rosa_enrolment.pk}/withdraw/")
    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.ENROLLED
    promoted = outbox_last("+529511234567")
    assert "se liberó un lugar" in promoted.body

    # A pay slip into the vault, shared with amina, then no longer.
    upload = SimpleUploadedFile("talon.pdf", PAY_SLIP, content_type="application/pdf")
    response = client.post(
        "/es/learning/vault/", {"kind": "pay-slip", "title": "Talón de pago", "file": upload}
    )
    assert response.status_code == 302
    document = VaultDocument.objects.get(owner=marisol)
    assert PAY_SLIP not in bytes(document.ciphertext)  # encrypted at rest

    response = client.post(
        f"/es/learning/vault/{document.pk}/share/", {"caseworker_email": personas.amina.email}
    )
    assert response.status_code == 302
    amina = personas.client_for("amina")
    shared = amina.get(f"/en/learning/vault/{document.pk}/file/").content
    # The caseworker gets the PDF without its metadata; the worker's own copy stays whole.
    assert shared.startswith(b"%PDF-") and b"Marisol Ruiz" not in shared
    share = document.shares.get()
    assert client.post(f"/es/learning/vault/shares/{share.pk}/revoke/").status_code == 302
    assert amina.get(f"/en/learning/vault/{document.pk}/file/").status_code == 404

    # Everything about her, in one zip.
    response = client.post("/es/learning/my/export/")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert {g["kind"] for g in data["profile"]["goals"]} == {"start-business", "english"}
    assert data["enrolments"][0]["status"] == "enrolled"
    assert archive.read(f"files/{document.pk}-talon.pdf") == PAY_SLIP
