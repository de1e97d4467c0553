"""Thin views: parse, call a selector or service, render."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from juntos.core.forms import add_service_errors
from juntos.registry import selectors, services
from juntos.registry.anonymity import publication_threshold
from juntos.registry.choices import ModerationRule, ReplyRule, ReviewStatus
from juntos.registry.forms import (
    ModerationForm,
    RecruiterReviewForm,
    ReplyForm,
    ReplyModerationForm,
    ReviewForm,
    SearchForm,
)
from juntos.registry.policies import (
    can_moderate_reviews,
    can_review_recruiter,
    can_review_site,
    may_speak_for_an_entry,
)
from juntos.registry.summaries import summarise


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    employers: list[Any] = []
    recruiters: list[Any] = []
    searched = form.is_valid() and bool(form.cleaned_data["q"].strip())
    if searched:
        query, province = form.cleaned_data["q"], form.cleaned_data["province"]
        kind = form.cleaned_data["kind"]
        if kind != "recruiters":
            employers = selectors.search_employers(query, province=province)
        if kind != "employers":
            recruiters = selectors.search_recruiters(query, province=province)
    context = {
        "form": form,
        "searched": searched,
        "employers": employers,
        "recruiters": recruiters,
        "sources": selectors.official_list_sources(),
        "is_moderator": can_moderate_reviews(request.user),
        "has_entry": may_speak_for_an_entry(request.user),
    }
    return render(request, "registry/index.html", context)


@require_GET
def employer(request: HttpRequest, slug: str) -> HttpResponse:
    entry = selectors.employer_by_slug(slug)
    reviews = entry.published_reviews  # type: ignore[attr-defined]
    user = request.user
    # Anonymous visitors get the link (it leads to log in); signed-in people only if they may.
    reviewable = {
        site.pk
        for site in entry.sites.all()
        if not user.is_authenticated or can_review_site(user, site)
    }
    context = {
        "reviewable": reviewable,
        "employer": entry,
        "reviews": reviews,
        "summaries": summarise(reviews),
        "threshold": publication_threshold(),
    }
    return render(request, "registry/employer.html", context)


@require_GET
def recruiter(request: HttpRequest, slug: str) -> HttpResponse:
    entry = selectors.recruiter_by_slug(slug)
    report_url = _url_if_served(
        "reports:intake", category="recruitment-fees", details=entry.name, source="registry"
    )
    user = request.user
    context = {
        "recruiter": entry,
        "reviews": entry.published_reviews,  # type: ignore[attr-defined]
        # Anonymous visitors get the link (it leads to log in); signed-in people only if they may.
        "reviewable": not user.is_authenticated or can_review_recruiter(user, entry),
        "threshold": publication_threshold(),
        "report_url": report_url,
    }
    return render(request, "registry/recruiter.html", context)


@require_GET
def rules(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/rules.html",
        {
            "rules": ModerationRule.choices,
            "reply_rules": ReplyRule.choices,
            "threshold": publication_threshold(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, site_id: int) -> HttpResponse:
    site = selectors.get_site_to_review_for(request.user, site_id)
    season = timezone.localdate().year
    already = selectors.own_review_of(request.user, site.employer, season)
    # A rejected review comes back filled in, to be changed and sent again.
    rejected = already if already and already.status == ReviewStatus.REJECTED else None
    form = ReviewForm(request.POST or None, initial=_answers(rejected) if rejected else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submit(actor=request.user, site=site, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. Your review will be checked before it is published.")
            )
            return redirect("registry:employer", slug=site.employer.slug)
    report_url = _url_if_served(
        "reports:intake",
        employer_site=site.pk,
        employer_name=site.employer.display_name,
        province=site.province,
        source="registry",
    )
    context = {
        "site": site,
        "form": form,
        "already": already,
        "threshold": publication_threshold(),
        "report_url": report_url,
    }
    return render(request, "registry/review.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def recruiter_review(request: HttpRequest, slug: str) -> HttpResponse:
    entry = selectors.get_recruiter_to_review_for(request.user, slug)
    season = timezone.localdate().year
    already = selectors.own_recruiter_review_of(request.user, entry, season)
    rejected = already if already and already.status == ReviewStatus.REJECTED else None
    initial = None
    if rejected:
        fields = ("season", "fee_charged", "promise_kept", "explained_clearly", "respect", "text")
        initial = {name: getattr(rejected, name) for name in fields}
    form = RecruiterReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.recruiter_review_submit(
                actor=request.user, recruiter=entry, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. Your review will be checked before it is published.")
            )
            return redirect("registry:recruiter", slug=entry.slug)
    context = {
        "recruiter": entry,
        "form": form,
        "already": already,
        "threshold": publication_threshold(),
    }
    return render(request, "registry/recruiter_review.html", context)


def _answers(review: Any) -> dict[str, Any]:
    fields = ("season", "fee_charged", "contract_matched", "paid_on_time", "housing")
    return {name: getattr(review, name) for name in (*fields, "respect_safety", "text")}


def _queue(request: HttpRequest, bound: dict[str, Any] | None = None) -> HttpResponse:
    reviews = list(selectors.pending_reviews_for(request.user)[:50])
    replies = list(selectors.pending_replies_for(request.user)[:50])
    of_recruiters = list(selectors.pending_recruiter_reviews_for(request.user)[:50])
    bound = bound or {}
    items = [(r, bound.get(str(r.pk)) or ModerationForm(prefix=str(r.pk))) for r in reviews]
    recruiter_items = [
        (r, bound.get(str(r.pk)) or ModerationForm(prefix=str(r.pk))) for r in of_recruiters
    ]
    reply_items = [
        (r, bound.get(_reply_prefix(r)) or ReplyModerationForm(prefix=_reply_prefix(r)))
        for r in replies
    ]
    # A row another moderator decided meanwhile has left the queue: say so above it.
    shown = {str(r.pk) for r in (*reviews, *of_recruiters)} | {_reply_prefix(r) for r in replies}
    for prefix, form in bound.items():
        if prefix not in shown:
            for problem in form.non_field_errors():
                messages.error(request, problem)
    context = {"items": items, "recruiter_items": recruiter_items, "reply_items": reply_items}
    return render(request, "registry/moderation.html", context, status=400 if bound else 200)


def _reply_prefix(reply: Any) -> str:
    return f"reply-{reply.pk}"


@require_GET
def moderation(request: HttpRequest) -> HttpResponse:
    return _queue(request)


@require_POST
def moderate(request: HttpRequest, review_id: str) -> HttpResponse:
    target = selectors.get_pending_review_for(request.user, review_id)
    return _decide(request, target, services.review_moderate)


@require_POST
def moderate_recruiter_review(request: HttpRequest, review_id: str) -> HttpResponse:
    target = selectors.get_pending_recruiter_review_for(request.user, review_id)
    return _decide(request, target, services.recruiter_review_moderate)


def _decide(request: HttpRequest, target: Any, moderate_with: Any) -> HttpResponse:
    """One moderator decision on a review of a site or of a recruiter (the same form)."""
    form = ModerationForm(request.POST, prefix=str(target.pk))
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        approve = decision in ("approve", "redact")
        try:
            moderate_with(
                actor=request.user,
                review=target,
                approve=approve,
                rule=form.cleaned_data["rule"],
                redact=form.cleaned_data["passage"] if decision == "redact" else "",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Review approved.") if approve else _("Review rejected."))
            return redirect("registry:moderation")
    return _queue(request, {str(target.pk): form})


@require_POST
def moderate_reply(request: HttpRequest, reply_id: int) -> HttpResponse:
    target = selectors.get_pending_reply_for(request.user, reply_id)
    form = ReplyModerationForm(request.POST, prefix=_reply_prefix(target))
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            services.reply_moderate(
                actor=request.user, reply=target, approve=approve, rule=form.cleaned_data["rule"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Reply published.") if approve else _("Reply rejected."))
            return redirect("registry:moderation")
    return _queue(request, {_reply_prefix(target): form})


def _url_if_served(name: str, **params: Any) -> str:
    """A link into another app, or "" while that app does not serve the page (no 500)."""
    try:
        url = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(params)}" if params else url


@dataclass
class _OwnReview:
    """A published review on the employer's own page, with the state of the employer's reply."""

    review: Any
    approved: list[Any]
    pending: Any = None
    rejected: Any = None  # the latest rejected reply, shown while nothing else stands
    form: ReplyForm | None = None


def _own_review(review: Any, bound: dict[str, Any]) -> _OwnReview:
    replies = review.own_replies
    item = _OwnReview(review, [r for r in replies if r.status == ReviewStatus.APPROVED])
    item.pending = next((r for r in replies if r.status == ReviewStatus.PENDING), None)
    # A refused form is shown back with its reason even when a reply already stands.
    item.form = bound.get(str(review.pk))
    if not item.approved and item.pending is None:
        item.rejected = next(
            (r for r in reversed(replies) if r.status == ReviewStatus.REJECTED), None
        )
        item.form = item.form or ReplyForm(prefix=str(review.pk))
    return item


def _mine(request: HttpRequest, bound: dict[str, Any] | None = None) -> HttpResponse:
    employers, recruiters = selectors.entries_spoken_for_by(request.user)
    if not employers and not recruiters:
        raise PermissionDenied
    bound = bound or {}
    entries = []
    for entry in employers:
        reviews = entry.published_reviews  # type: ignore[attr-defined]
        entries.append(
            {
                "employer": entry,
                "items": [_own_review(r, bound) for r in reviews],
                "summaries": summarise(reviews),
            }
        )
    context = {
        "entries": entries,
        "recruiters": recruiters,
        "compliance_url": _url_if_served("compliance:check"),
    }
    return render(request, "registry/mine.html", context, status=400 if bound else 200)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    return _mine(request)


@require_POST
def reply(request: HttpRequest, review_id: str) -> HttpResponse:
    target = selectors.get_review_to_reply_for(request.user, review_id)
    form = ReplyForm(request.POST, prefix=str(target.pk))
    if form.is_valid():
        try:
            services.review_reply(actor=request.user, review=target, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. Your reply will be checked before it is published.")
            )
            return redirect("registry:mine")
    return _mine(request, {str(target.pk): form})
