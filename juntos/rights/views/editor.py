"""The editorial desk for coordinators: drafts, review, publication, stale translations."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from juntos.core.forms import add_service_errors
from juntos.rights import selectors, services
from juntos.rights.choices import CONTENT_LANGUAGES, VersionStatus
from juntos.rights.forms import ArticleNewForm, VersionForm
from juntos.rights.policies import can_edit_rights, can_publish_version


@login_required
@require_GET
def desk(request: HttpRequest) -> HttpResponse:
    """Every article, its pending versions and its out-of-date translations."""
    rows = selectors.editor_articles_for(request.user)
    stale = [row for row in rows if row["stale"] or row["figures"]]
    waiting = [(row, v, langs) for row in rows for v, langs in row["pending_stale"]]
    return render(
        request, "rights/editor/desk.html", {"rows": rows, "stale": stale, "waiting": waiting}
    )


@login_required
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest) -> HttpResponse:
    """Create an article and where it applies; its first version is drafted next."""
    if not can_edit_rights(request.user):
        raise Http404
    form = ArticleNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("rights:editor_article", slug=article.slug)
    return render(request, "rights/editor/article_new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An article's versions; POST starts a new draft from the latest version."""
    article = selectors.get_article_for(request.user, slug)
    if request.method == "POST":
        latest = selectors.versions_of(article).first()
        version = services.version_draft(
            actor=request.user,
            article=article,
            effective_from=timezone.localdate(),
            source_url=latest.source_url if latest else "https://www.canada.ca/",
            source_title=latest.source_title if latest else "—",
            source_date=latest.source_date if latest else timezone.localdate(),
            is_uncertain=latest.is_uncertain if latest else False,
        )
        return redirect("rights:editor_version", version_id=version.pk)
    versions = selectors.versions_of(article)
    return render(request, "rights/editor/article.html", {"article": article, "versions": versions})


def _initial(version_texts: Mapping[str, Any], version: Any) -> dict[str, object]:
    initial: dict[str, object] = {
        name: getattr(version, name)
        for name in ("effective_from", "source_url", "source_title", "source_date", "is_uncertain")
    }
    for language, text in version_texts.items():
        for name in ("title", "summary", "body", "what_changed", "obligation", "keywords"):
            initial[f"{language}_{name}"] = getattr(text, name)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request: HttpRequest, version_id: int) -> HttpResponse:
    """Edit a draft in every language; say which translations match the English."""
    version = selectors.get_version_for(request.user, version_id)
    texts = {t.language: t for t in version.texts.all()}
    shown = {lang: selectors.shown_text(list(texts.values()), lang) for lang in texts}
    stale = sorted(lang for lang, s in shown.items() if s is not None and s.out_of_date)
    # The "says the same" boxes always start empty: only a person who compared confirms.
    initial = _initial(texts, version)
    editable = version.status in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW)
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and editable and form.is_valid():
        data = form.cleaned_data
        try:
            services.version_update(
                actor=request.user,
                version=version,
                effective_from=data["effective_from"],
                source_url=data["source_url"],
                source_title=data["source_title"],
                source_date=data["source_date"],
                is_uncertain=data["is_uncertain"],
                texts=form.texts(),
                up_to_date=form.up_to_date(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("rights:editor_version", version_id=version.pk)
    context = {
        "version": version,
        "form": form,
        "languages": [(lang, form.language_fields(lang)) for lang in CONTENT_LANGUAGES],
        "stale": stale,
        "figures": selectors.figure_differences(list(texts.values())),
        "may_publish": can_publish_version(request.user, version),
        "editable": editable,
        "today": timezone.localdate(),
    }
    return render(request, "rights/editor/version.html", context)


ACTIONS: dict[str, Callable[..., Any]] = {
    "submit": services.version_submit,
    "return": services.version_return,
    "publish": services.version_publish,
}


@login_required
@require_POST
def version_action(request: HttpRequest, version_id: int) -> HttpResponse:
    """Move a version: submit for review, return to draft, publish or schedule."""
    version = selectors.get_version_for(request.user, version_id)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Choose one of the buttons."))
        return redirect("rights:editor_version", version_id=version.pk)
    try:
        action(actor=request.user, version=version)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Done: this version is now “%(status)s”.") % {"status": version.get_status_display()},
        )
    return redirect("rights:editor_version", version_id=version.pk)
