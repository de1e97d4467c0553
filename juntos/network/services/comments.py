"""Writes of the discussion on recommendations and meetings: comments, replies, removal and
hiding. Nothing is deleted, so a reply never loses the comment it answers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.accounts.choices import Channel
from juntos.core.services import audit_record, notify_person
from juntos.network.choices import CommentState
from juntos.network.models import Comment, Meeting, Recommendation
from juntos.network.models.recommendations import COMMENT_MAX_DEPTH
from juntos.network.policies import (
    can_hide_comment,
    can_remove_comment,
    can_view_comment_subject,
    can_view_network,
    can_view_recommendation,
)
from juntos.network.reply_tokens import reply_address, reply_token_make
from juntos.network.services._common import require_member, require_text, site_link
from juntos.network.texts import TextsInLanguage

COMMENT_LIMIT = 5000


def comment_add(*, actor: Actor, subject: Recommendation | Meeting, body: str) -> Comment:
    """A member who can see the recommendation or meeting starts a thread on it."""
    member = require_member(actor)
    if isinstance(subject, Recommendation):
        allowed = can_view_recommendation(actor, subject)
    else:
        allowed = can_view_network(actor)
    if not allowed:
        raise PermissionDenied
    body = require_text(body, field="body", limit=COMMENT_LIMIT)
    with transaction.atomic():
        comment = Comment(author=member, body=body)
        if isinstance(subject, Recommendation):
            comment.recommendation = subject
        else:
            comment.meeting = subject
        comment.save()
        audit_record(actor=actor, action="network.comment_add", target=subject)
    return comment


def comment_reply(*, actor: Actor, parent: Comment, body: str, by_email: bool = False) -> Comment:
    """A member answers a comment; its author hears of it in her language.

    `by_email`: the answer came by email (services.email_answers); the audit entry says so.
    """
    member = require_member(actor)
    if not can_view_comment_subject(actor, parent):
        raise PermissionDenied
    if parent.state != CommentState.SHOWN:
        raise ValidationError(_("This comment was removed or hidden: it takes no more answers."))
    if parent.depth + 1 >= COMMENT_MAX_DEPTH:
        raise ValidationError(
            _("This thread is as deep as it goes: answer an earlier comment in it instead.")
        )
    body = require_text(body, field="body", limit=COMMENT_LIMIT)
    with transaction.atomic():
        reply = Comment.objects.create(
            recommendation=parent.recommendation,
            meeting=parent.meeting,
            parent=parent,
            depth=parent.depth + 1,
            author=member,
            body=body,
        )
        details = {"to": parent.pk, **({"by": "email"} if by_email else {})}
        audit_record(actor=actor, action="network.comment_reply", target=reply, details=details)
        if parent.author_id != member.pk:
            _tell_of_reply(reply, parent)
    return reply


def _tell_of_reply(reply: Comment, parent: Comment) -> None:
    author = parent.author
    user = author.user
    if not author.is_active or not user.is_active:
        return

    about = reply.recommendation or reply.meeting
    may_answer = reply.depth + 1 < COMMENT_MAX_DEPTH
    reply_to = ""
    if may_answer and user.preferred_channel == Channel.EMAIL:
        reply_to = reply_address(reply_token_make(comment_id=reply.pk, member_id=author.pk))

    def render() -> tuple[str, str]:
        context = {
            "replier": reply.author.name,
            "title": TextsInLanguage(user.preferred_language).shown(about).title,
            "link": comment_link(reply, user.preferred_language),
            "may_answer": may_answer,
            "by_email": bool(reply_to),
        }
        title = render_to_string("network/reply_notice_subject.txt", context).strip()
        return title, render_to_string("network/reply_notice.txt", context).strip()

    notify_person(user, render, reply_to=reply_to)


def comment_link(comment: Comment, language: str) -> str:
    """The page a comment is on, at the comment, in the reader's language."""
    if comment.recommendation_id is not None:
        page = site_link(
            "network:recommendation", language, recommendation_id=comment.recommendation_id
        )
    else:
        page = site_link("network:meeting", language, meeting_id=comment.meeting_id or 0)
    return f"{page}#comment-{comment.pk}"


def comment_remove(*, actor: Actor, comment: Comment) -> Comment:
    """Its author takes a comment back: the text goes, a tombstone keeps the replies' place."""
    if not can_remove_comment(actor, comment):
        raise PermissionDenied
    with transaction.atomic():
        comment.state = CommentState.REMOVED
        comment.body = ""
        comment.save(update_fields=["state", "body"])
        audit_record(actor=actor, action="network.comment_remove", target=comment)
    return comment


def comment_hide(*, actor: Actor, comment: Comment, reason: str) -> Comment:
    """The coordinator hides a comment from the discussion and says why, to everyone."""
    if not can_hide_comment(actor, comment):
        raise PermissionDenied
    reason = require_text(reason, field="reason", limit=500)
    with transaction.atomic():
        comment.state = CommentState.HIDDEN
        comment.hidden_reason = reason
        comment.save(update_fields=["state", "hidden_reason"])
        # The reason is on the comment; the audit names the comment only.
        audit_record(actor=actor, action="network.comment_hide", target=comment)
    return comment
