"""The worker's side: her credentials, sharing, hiding, downloads; asking to be assessed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from juntos.accounts.actors import signed_in
from juntos.accounts.selectors import public_organisations
from juntos.core.forms import add_service_errors
from juntos.credentials import selectors, services
from juntos.credentials.certificate import certificate_pdf
from juntos.credentials.forms import RequestForm, ShareForm
from juntos.credentials.links import site_link
from juntos.learning.selectors import vault_documents_of


def _organisations() -> list[tuple[int, str]]:
    return list(public_organisations().order_by("name").values_list("pk", "name"))


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    return render(
        request,
        "credentials/mine.html",
        {
            "credentials": selectors.credentials_of(user),
            "assessments": selectors.own_assessments(user),
        },
    )


def _detail_page(request: HttpRequest, credential_id: str, form: ShareForm | None) -> HttpResponse:
    credential = selectors.get_own_credential_for(request.user, credential_id)
    share_links = [
        (share, site_link("credentials:shared", request.LANGUAGE_CODE, token=share.token))
        for share in credential.live_shares  # type: ignore[attr-defined]
    ]
    return render(
        request,
        "credentials/detail.html",
        {
            "credential": credential,
            "share_links": share_links,
            "form": form or ShareForm(organisations=_organisations()),
            "mappings": selectors.mappings_of(credential.standard_id),
        },
        status=400 if form else 200,
    )


@login_required
@require_GET
def detail(request: HttpRequest, credential_id: str) -> HttpResponse:
    return _detail_page(request, credential_id, None)


@login_required
@require_POST
def share(request: HttpRequest, credential_id: str) -> HttpResponse:
    credential = selectors.get_own_credential_for(request.user, credential_id)
    form = ShareForm(request.POST, organisations=_organisations())
    if form.is_valid():
        try:
            services.share_create(
                actor=request.user,
                credential=credential,
                recipient_label=form.cleaned_data["recipient_label"],
                organisation_id=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The link is ready. Send it only to the person you chose."))
            return redirect("credentials:detail", credential_id=credential.pk)
    return _detail_page(request, credential_id, form)


@login_required
@require_POST
def share_revoke(request: HttpRequest, share_id: int) -> HttpResponse:
    found = selectors.get_own_share_for(request.user, share_id)
    services.share_revoke(actor=request.user, share=found)
    messages.success(request, _("That link no longer works."))
    return redirect("credentials:detail", credential_id=found.credential_id)


@login_required
@require_POST
def hide(request: HttpRequest, credential_id: str) -> HttpResponse:
    credential = selectors.get_own_credential_for(request.user, credential_id)
    services.credential_hide(
        actor=request.user, credential=credential, hidden=request.POST.get("hidden") == "1"
    )
    return redirect("credentials:mine")


@login_required
@require_GET
def download(request: HttpRequest, credential_id: str) -> HttpResponse:
    """The credential as a VC 2.0 EnvelopedVerifiableCredential, with the readable claims."""
    credential = selectors.get_own_credential_for(request.user, credential_id)
    body = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": f"data:application/vc+jwt,{credential.token}",
        "type": "EnvelopedVerifiableCredential",
    }
    response = JsonResponse(body, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="credential-{credential.short_id}.json"'
    )
    return response


@login_required
@require_GET
def certificate(request: HttpRequest, credential_id: str) -> HttpResponse:
    credential = selectors.get_own_credential_for(request.user, credential_id)
    return certificate_pdf(credential, list(selectors.mappings_of(credential.standard_id)))


def _request_choices() -> list[tuple[str, str]]:
    names = dict(_organisations())
    return [
        (f"{a.standard_id}:{a.organisation_id}",
         f"{a.standard.framework.code.upper()} {a.standard.code} — {a.standard.title} · "
         f"{names.get(a.organisation_id, '')}")
        for a in selectors.authorisations()
    ]  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def request_assessment(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    documents = [(d.pk, d.title) for d in vault_documents_of(user)]
    form = RequestForm(request.POST or None, choices=_request_choices(), documents=documents)
    if request.method == "POST" and form.is_valid():
        standard_id, _sep, organisation_id = form.cleaned_data["choice"].partition(":")
        standard = selectors.assessable_standards().filter(pk=int(standard_id)).first()
        try:
            if standard is None:
                raise ValidationError({"choice": _("Choose a standard from the list.")})
            services.assessment_request(
                actor=user, standard=standard, organisation_id=int(organisation_id),
                document_ids=form.cleaned_data["documents"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your request was sent to the assessing organisation."))
            return redirect("credentials:mine")
    status = 400 if request.method == "POST" else 200
    return render(request, "credentials/request.html", {"form": form}, status=status)


@login_required
@require_GET
def shared_with_us(request: HttpRequest) -> HttpResponse:
    """Credentials workers chose to show to the staff of the viewer's organisations."""
    return render(
        request, "credentials/shared_with_us.html", {"shares": selectors.shared_with(request.user)}
    )
