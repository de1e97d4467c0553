"""The document vault: encrypted at rest, shared with chosen caseworkers, attached to a case."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from juntos.accounts.models import Membership
from juntos.core.crypto import DecryptionError, unwrap_key
from juntos.core.models import AuditEntry, PendingAnonymousAuditEntry
from juntos.learning.services import document_share, document_upload, documents_attach_to_case

DATA = b"Contrato: 40 horas por semana, 17.85 CAD por hora"


@pytest.fixture
def contract(personas):
    return document_upload(
        actor=personas.rosa,
        kind="contract",
        title="Contrato 2026",
        filename="contrato.txt",
        data=DATA,
    )


def test_documents_are_encrypted_under_a_key_wrapped_for_her(personas, contract):
    stored = bytes(contract.ciphertext)
    assert DATA not in stored
    key = unwrap_key(
        bytes(contract.wrapped_key),
        purpose=f"user:{personas.rosa.pk}",
        version=contract.key_version,
    )
    assert len(key) == 32
    with pytest.raises(DecryptionError):  # any other person's purpose must fail
        unwrap_key(
            bytes(contract.wrapped_key),
            purpose=f"user:{personas.amina.pk}",
            version=contract.key_version,
        )


def test_only_caseworkers_of_support_organisations_can_receive_a_share(personas, contract):
    for key in ("carl", "rita", "ines", "ben"):
        with pytest.raises(ValidationError):
            document_share(
                actor=personas.rosa,
                document=contract,
                caseworker_email=getattr(personas, key).email,
            )
    response = personas.client_for("rosa").post(
        f"/es/learning/vault/{contract.pk}/share/", {"caseworker_email": "nadie@example.org"}
    )
    assert response.status_code == 400
    assert "No encontramos" in response.content.decode()


def test_nobody_else_opens_her_documents(personas, contract):
    url = f"/en/learning/vault/{contract.pk}/file/"
    assert personas.client_for("rosa").get(url).content == DATA
    for key in ("amina", "carl", "dana", "admin"):
        assert personas.client_for(key).get(url).status_code == 404
    assert (
        "Contrato 2026"
        not in personas.client_for("dana").get("/en/learning/vault/").content.decode()
    )


def test_a_caseworker_who_leaves_her_organisation_loses_access(personas, contract):
    document_share(actor=personas.rosa, document=contract, caseworker_email=personas.amina.email)
    url = f"/en/learning/vault/{contract.pk}/file/"
    assert personas.client_for("amina").get(url).content == DATA
    assert AuditEntry.objects.filter(
        action="learning.document_read", actor_id=personas.amina.pk
    ).exists()
    Membership.objects.filter(user=personas.amina).delete()
    assert personas.client_for("amina").get(url).status_code == 404


def test_another_persons_document_cannot_be_attached(personas, contract):
    with pytest.raises(PermissionDenied):
        documents_attach_to_case(actor=personas.amina, receipt_code="X", documents=[contract])


def test_uploads_are_checked(personas):
    client = personas.client_for("rosa")
    from django.core.files.uploadedfile import SimpleUploadedFile

    # A program's header, sent with an innocent type: the bytes decide.
    exe = SimpleUploadedFile("x.pdf", b"MZ\x90\x00\x03\x00\x00\x00", content_type="application/pdf")
    response = client.post("/es/learning/vault/", {"kind": "photo", "title": "Foto", "file": exe})
    assert response.status_code == 400
    assert "Sube un PDF" in response.content.decode()
    assert not personas.rosa.vault_documents.exists()


def test_attach_to_a_real_report_with_its_receipt_code(personas, client):
    import io

    from pypdf import PdfWriter

    from juntos.reports.models import Attachment

    receipt = client.post(
        "/api/reports/intake",
        {"category": "wage-theft", "province": "BC", "language": "es", "details": "No nos pagan."},
        content_type="application/json",
    ).json()["receipt_code"]
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    slip = document_upload(
        actor=personas.rosa,
        kind="pay-slip",
        title="Talón",
        filename="talon.pdf",
        data=buffer.getvalue(),
    )
    assert slip.content_type == "application/pdf"
    rosa = personas.client_for("rosa")
    with CaptureQueriesContext(connection) as queries:
        response = rosa.post(
            "/es/learning/vault/attach/", {"receipt_code": receipt, "documents": [slip.pk]}
        )
    assert response.status_code == 302, response.content.decode()[-800:]
    assert Attachment.objects.count() == 1
    # Nothing naming her is written beside the anonymous attachment: only anonymous rows.
    written = {
        re.search(r'(?:INTO|UPDATE|FROM) "?(\w+)"?', q["sql"]).group(1)  # type: ignore[union-attr]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    }
    assert written == {"reports_attachment", "reports_report", "core_pendinganonymousauditentry"}
    assert not AuditEntry.objects.filter(action="learning.documents_attached_to_case").exists()
    queued = PendingAnonymousAuditEntry.objects.get(action="learning.documents_attached_to_case")
    assert queued.details == {"count": 1} and receipt not in str(queued.details)


def test_a_wrong_receipt_code_is_explained_and_attaches_nothing(personas, contract):
    from juntos.reports.models import Attachment

    response = personas.client_for("rosa").post(
        "/es/learning/vault/attach/", {"receipt_code": "AAAA-BBBB", "documents": [contract.pk]}
    )
    assert response.status_code == 400
    assert "código de recibo no es correcto" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_wrong_receipt_code_counts_against_the_receipt_throttle(personas, contract, settings):
    settings.JUNTOS_REPORTS_CODE_FAILURES_GLOBAL = 2
    for _ in range(3):
        with pytest.raises(ValidationError) as refused:
            documents_attach_to_case(
                actor=personas.rosa, receipt_code="AAAA-BBBB-CCCC-DDDD-EEEE", documents=[contract]
            )
    assert "wait" in str(refused.value)  # the refusals were counted, not rolled back


def test_a_file_the_case_cannot_take_is_explained(personas, client, contract):
    receipt = client.post(
        "/api/reports/intake",
        {"category": "wage-theft", "province": "BC", "language": "es", "details": "No nos pagan."},
        content_type="application/json",
    ).json()["receipt_code"]
    response = personas.client_for("rosa").post(
        "/es/learning/vault/attach/", {"receipt_code": receipt, "documents": [contract.pk]}
    )
    assert response.status_code == 400  # a text file: reports takes photos and PDFs only
    assert "PDF" in response.content.decode()
