"""The document vault, attaching to a case, export and account deletion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from juntos.accounts.actors import signed_in
from juntos.accounts.policies import holds_any_role
from juntos.learning import selectors, services
from juntos.learning.forms import AttachForm, DeleteAccountForm, DocumentForm, ShareForm
from juntos.learning.policies import CASEWORKER_ROLES
from juntos.learning.views._common import add_errors


def _vault_page(
    request: HttpRequest,
    form: DocumentForm | None = None,
    share_form: ShareForm | None = None,
    share_document_id: int | None = None,
) -> HttpResponse:
    return render(
        request,
        "learning/vault.html",
        {
            "documents": selectors.vault_documents_of(request.user),
            "form": form or DocumentForm(),
            "share_form": share_form or ShareForm(),
            "share_document_id": share_document_id,
        },
        status=400 if (form or share_form) else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def vault(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _vault_page(request)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.document_upload(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                filename=upload.name,
                data=upload.read(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved in your vault, encrypted."))
            return redirect("learning:vault")
    return _vault_page(request, form=form)


@login_required
@require_GET
def document_file(request: HttpRequest, document_id: int) -> HttpResponse:
    document, data = services.document_open(actor=request.user, document_id=document_id)
    response = HttpResponse(data, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename) or ""
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def document_share(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.get_own_document_for(request.user, document_id)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.document_share(
                actor=request.user,
                document=document,
                caseworker_email=form.cleaned_data["caseworker_email"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Shared. You can stop sharing at any time."))
            return redirect("learning:vault")
    return _vault_page(request, share_form=form, share_document_id=document.pk)


@login_required
@require_POST
def share_revoke(request: HttpRequest, share_id: int) -> HttpResponse:
    share = selectors.get_own_share_for(request.user, share_id)
    services.share_revoke(actor=request.user, share=share)
    messages.success(request, _("You stopped sharing this document."))
    return redirect("learning:vault")


@login_required
@require_POST
def document_delete(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.get_own_document_for(request.user, document_id)
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("Deleted."))
    return redirect("learning:vault")


@login_required
@require_http_methods(["GET", "POST"])
def attach(request: HttpRequest) -> HttpResponse:
    documents = selectors.vault_documents_of(request.user)
    form = AttachForm(
        request.POST if request.method == "POST" else None,
        documents=[(d.pk, d.title) for d in documents],
    )
    if request.method == "POST" and form.is_valid():
        chosen = [d for d in documents if d.pk in set(form.cleaned_data["documents"])]
        try:
            count = services.documents_attach_to_case(
                actor=request.user, receipt_code=form.cleaned_data["receipt_code"], documents=chosen
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("%(count)s documents were added to your case.") % {"count": count}
            )
            return redirect("learning:vault")
    return render(
        request,
        "learning/attach.html",
        {"form": form, "has_documents": bool(documents)},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def shared_with_me(request: HttpRequest) -> HttpResponse:
    if not holds_any_role(request.user, CASEWORKER_ROLES):
        raise Http404
    return render(
        request,
        "learning/shared_with_me.html",
        {"shares": selectors.documents_shared_with(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "learning/export.html")
    archive = services.person_export(actor=request.user)
    response = HttpResponse(archive, content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="juntos-my-data-{stamp}.zip"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = signed_in(request)
        logout(request)
        services.person_erase(actor=user, user=user)
        messages.success(request, _("Your account and everything in it were deleted."))
        return redirect("core:home")
    return render(
        request, "learning/account_delete.html", {"form": form}, status=400 if form.errors else 200
    )
