"""The interpreters' queue: what people wrote that still lacks a language, and the form."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from juntos.core.forms import submit
from juntos.network import selectors, services
from juntos.network.forms import ContentTextForm


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Every group, recommendation and meeting missing a language or out of date in one."""
    rows = selectors.translation_queue_for(request.user)
    return render(request, "network/translations.html", {"rows": rows})


@login_required
def translate(request: HttpRequest, kind: str, source_id: int, language: str) -> HttpResponse:
    """Add (or bring up to date) one language of one thing."""
    source = selectors.get_translatable_for(request.user, kind, source_id)
    if language not in dict(settings.LANGUAGES) or language == source.language:
        raise Http404
    title, body = source.source_fields()
    existing = selectors.text_in(source, language)
    initial = {"title": existing.title, "body": existing.body} if existing else {}
    form = ContentTextForm(request.POST or None, initial=initial, has_body=bool(body))
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.content_text_set(
                actor=request.user,
                source=source,
                language=language,
                title=form.cleaned_data["title"],
                body=form.cleaned_data.get("body", ""),
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved. Readers in this language now see it."))
            return redirect("network:translations")
    context = {
        "form": form,
        "kind": kind,
        "source": source,
        "source_title": title,
        "source_body": body,
        "language": language,
        "language_label": dict(settings.LANGUAGES)[language],
    }
    return render(request, "network/translate.html", context)
