"""Writes of the document vault: encrypted storage, sharing, attaching to a case."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from juntos.accounts.actors import Actor, SignedIn
from juntos.accounts.selectors import user_by_identifier
from juntos.core.crypto import decrypt, encrypt, new_key, unwrap_key, wrap_key
from juntos.core.files import ImageTooLarge, UnreadableFile, sniff_content_type, without_metadata
from juntos.core.services import audit_record
from juntos.learning.choices import DocumentKind
from juntos.learning.models import DocumentShare, VaultDocument
from juntos.learning.policies import support_organisation_of
from juntos.learning.selectors import get_document_for
from juntos.learning.services._common import notify_person, site_link
from juntos.reports import services as reports_services

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp", "text/plain"}
NO_SUCH_CASEWORKER = gettext_lazy(
    "We found no caseworker of a support organisation with this email. Check it with them."
)
WRONG_RECEIPT = gettext_lazy("This receipt code is not right. Check it and try again.")


def sniff_type(data: bytes) -> str:
    """The file's type read from its first bytes (the browser's claim is not trusted)."""
    known = sniff_content_type(data)
    if known:
        return known
    try:
        text = data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return ""
    return "text/plain" if "\x00" not in text else ""


def _purpose(user_id: int) -> str:
    return f"user:{user_id}"


def _context(user_id: int) -> str:
    return f"learning-vault:{user_id}"


def document_upload(
    *, actor: Actor, kind: str, title: str, filename: str, data: bytes
) -> VaultDocument:
    """Store a document in her vault, encrypted under a new data key wrapped for her.

    Its type is read from the bytes; what the browser claims is not trusted.
    """
    if not actor.is_authenticated:
        raise PermissionDenied
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose what kind of document this is.")})
    if not data or len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationError({"file": _("Choose a file of up to 10 MB.")})
    content_type = sniff_type(data)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            {"file": _("Upload a PDF, a photo (JPEG, PNG, WebP) or a text file.")}
        )
    data_key = new_key()
    version, wrapped = wrap_key(data_key, purpose=_purpose(actor.pk))
    document = VaultDocument(
        owner=actor,
        kind=kind,
        content_type=content_type,
        size=len(data),
        ciphertext=encrypt(data_key, data, context=_context(actor.pk)),
        wrapped_key=wrapped,
        key_version=version,
    )
    document.seal_names(data_key, title=(title.strip() or filename)[:200], filename=filename[:200])
    with transaction.atomic():
        document.save()
        audit_record(actor=actor, action="learning.document_uploaded", target=document)
    return document


def document_plaintext(document: VaultDocument) -> bytes:
    """Decrypt a document's file (callers have authorised the reader)."""
    data_key = unwrap_key(
        bytes(document.wrapped_key),
        purpose=_purpose(document.owner_id),
        version=document.key_version,
    )
    return decrypt(data_key, bytes(document.ciphertext), context=_context(document.owner_id))


def document_open(*, actor: Actor, document_id: int) -> tuple[VaultDocument, bytes]:
    """Authorise, decrypt and audit one reading of a document."""
    document = get_document_for(actor, document_id)
    data = document_plaintext(document)
    if document.owner_id != actor.pk:
        # What a worker shares leaves without its metadata: a phone photo's EXIF holds the
        # place (GPS), the time and the phone. Her own copy stays as she gave it.
        try:
            data = without_metadata(data)
        except (ImageTooLarge, UnreadableFile) as exc:  # never sent with its metadata
            raise Http404 from exc
        # A caseworker's reading is recorded so the worker can see who opened what.
        audit_record(actor=actor, action="learning.document_read", target=document)
    return document, data


def document_delete(*, actor: Actor, document: VaultDocument) -> None:
    """Delete a document and every share of it."""
    if document.owner_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        audit_record(actor=actor, action="learning.document_deleted", target=document)
        document.delete()


def document_share(
    *, actor: Actor, document: VaultDocument, caseworker_email: str
) -> DocumentShare:
    """Share one document with a caseworker of a support organisation."""
    if document.owner_id != actor.pk:
        raise PermissionDenied
    caseworker = user_by_identifier(caseworker_email.strip()) if caseworker_email.strip() else None
    organisation_id = support_organisation_of(caseworker) if caseworker else None
    if caseworker is None or organisation_id is None or caseworker.pk == actor.pk:
        raise ValidationError({"caseworker_email": NO_SUCH_CASEWORKER})
    with transaction.atomic():
        share = document.shares.filter(caseworker=caseworker, revoked_at=None).first()
        if share is None:
            share = DocumentShare.objects.create(
                document=document, caseworker=caseworker, organisation_id=organisation_id
            )
            audit_record(
                actor=actor,
                action="learning.document_shared",
                target=document,
                organisation_id=organisation_id,
                details={"caseworker": caseworker.pk},
            )
            notify_person(caseworker, lambda: _share_message(caseworker))
    return share


def _share_message(caseworker: SignedIn) -> tuple[str, str]:
    link = site_link("learning:shared_with_me", caseworker.preferred_language)
    return (
        _("A worker shared a document with you"),
        _("A worker shared a document with you on Juntos. Read it here: %(link)s") % {"link": link},
    )


def share_revoke(*, actor: Actor, share: DocumentShare) -> None:
    """Stop sharing a document with a caseworker, from now on."""
    if share.document.owner_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        if share.revoked_at is None:
            share.revoked_at = timezone.now()
            share.save(update_fields=["revoked_at"])
            audit_record(
                actor=actor,
                action="learning.document_share_revoked",
                target=share.document,
                organisation_id=share.organisation_id,
                details={"caseworker": share.caseworker_id},
            )


def _attach_one(receipt_code: str, document: VaultDocument) -> None:
    try:
        ok = reports_services.report_attach_document_by_code(
            receipt_code=receipt_code,
            filename=document.filename,
            content_type=document.content_type,
            data=document_plaintext(document),
        )
    except ValueError as exc:  # the reports module explains, in her language, why not
        raise ValidationError({"documents": str(exc)}) from exc
    if not ok:
        raise ValidationError({"receipt_code": WRONG_RECEIPT})


def documents_attach_to_case(
    *, actor: Actor, receipt_code: str, documents: list[VaultDocument]
) -> int:
    """Send copies of chosen documents to the case that has her receipt code."""
    if any(d.owner_id != actor.pk for d in documents):
        raise PermissionDenied
    if not documents:
        raise ValidationError({"documents": _("Choose at least one document.")})
    # The code is checked before the transaction: a wrong one is counted against the receipt
    # throttle, and that count must not roll back with the refusal.
    try:
        reports_services.receipt_open(code=receipt_code)
    except reports_services.ReceiptRejected as exc:
        raise ValidationError(
            {"receipt_code": str(exc) if exc.throttled else WRONG_RECEIPT}
        ) from exc
    with transaction.atomic():  # all the chosen documents reach the case, or none
        for document in documents:
            _attach_one(receipt_code, document)
        # Adding to a report by its code is an anonymous act: an entry naming her, written
        # beside the report's new attachment, would tell a copy of the database whose report
        # it is. So the entry names no one and waits in the day's anonymous batch; the receipt
        # code is never written down (it is the reporter's secret).
        audit_record(
            actor=None,
            action="learning.documents_attached_to_case",
            details={"count": len(documents)},
            anonymous=True,
        )
    return len(documents)
