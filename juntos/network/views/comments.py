"""The discussion on a recommendation or a meeting: answering, removing and hiding comments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.core.forms import submit
from juntos.network import selectors, services
from juntos.network.forms import CommentHideForm, ReplyForm
from juntos.network.models import Comment
from juntos.network.policies import can_hide_comment, can_take_part


def _back_to(comment: Comment, at: Comment | None = None) -> HttpResponseRedirect:
    if comment.recommendation_id is not None:
        page = reverse("network:recommendation", args=[comment.recommendation_id])
    else:
        page = reverse("network:meeting", args=[comment.meeting_id])
    return HttpResponseRedirect(f"{page}#comment-{(at or comment).pk}")


@login_required
def reply(request: HttpRequest, comment_id: int) -> HttpResponse:
    parent = selectors.get_comment_for(request.user, comment_id)
    if not can_take_part(request.user):
        raise PermissionDenied
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = submit(
            form,
            lambda: services.comment_reply(
                actor=request.user, parent=parent, body=form.cleaned_data["body"]
            ),
        )
        if answer is not None:
            messages.success(request, _("Your answer is posted."))
            return _back_to(parent, answer)
    return render(request, "network/comment_reply.html", {"parent": parent, "form": form})


@login_required
@require_POST
def remove(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = selectors.get_comment_for(request.user, comment_id)
    services.comment_remove(actor=request.user, comment=comment)
    messages.success(request, _("Your comment is removed; the answers to it stay."))
    return _back_to(comment)


@login_required
def hide(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = selectors.get_comment_for(request.user, comment_id)
    if not can_hide_comment(request.user, comment):
        raise PermissionDenied
    form = CommentHideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hidden = submit(
            form,
            lambda: services.comment_hide(
                actor=request.user, comment=comment, reason=form.cleaned_data["reason"]
            ),
        )
        if hidden is not None:
            messages.success(request, _("The comment is hidden, with your reason in its place."))
            return _back_to(comment)
    return render(request, "network/comment_hide.html", {"comment": comment, "form": form})
