"""Recommendations from draft to implementation, with revisions, comments and milestones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from juntos.network.choices import CommentState, ImplementationStatus, RecommendationStatus
from juntos.network.models.bodies import NetworkMember, WorkingGroup


class Recommendation(models.Model):
    group = models.ForeignKey(
        WorkingGroup, on_delete=models.PROTECT, related_name="recommendations"
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    # The language this was written in; the other languages are texts (models/texts.py).
    language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.DRAFT
    )
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    decided_on = models.DateField(null=True, blank=True)
    responsible_body = models.CharField(_("responsible body"), max_length=200, blank=True)
    implementation_status = models.CharField(
        _("implementation"),
        max_length=20,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.NOT_STARTED,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    funding_call_input = models.BooleanField(_("input to a future funding call"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="network_progress_pct"),
            models.CheckConstraint(
                condition=Q(funding_call_input=False) | Q(status=RecommendationStatus.ADOPTED),
                name="network_funding_input_only_adopted",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def source_fields(self) -> tuple[str, str]:
        """(title, body) as a translator translates them."""
        return self.title, self.body


class Revision(models.Model):
    """The text as it stood at each change; the recommendation holds the newest."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "number"], name="network_revision_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} v{self.number}"


# Replies to replies stop at this many levels (depth 0 to 3), so a thread stays readable on
# a phone.
COMMENT_MAX_DEPTH = 4


class Comment(models.Model):
    """A member's word in the discussion of a recommendation or a meeting, or a reply to one.

    Nothing is deleted: an author's removal empties the text and leaves a tombstone, the
    coordinator's hiding keeps it out of view with a reason, so the replies keep their place.
    """

    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    meeting = models.ForeignKey(
        "network.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    author = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("comment"), blank=True)
    state = models.CharField(
        max_length=10, choices=CommentState.choices, default=CommentState.SHOWN
    )
    hidden_reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=True, meeting__isnull=False)
                | Q(recommendation__isnull=False, meeting__isnull=True),
                name="network_comment_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(depth__lt=COMMENT_MAX_DEPTH), name="network_comment_depth_cap"
            ),
            models.CheckConstraint(
                condition=Q(state="removed", body="") | ~Q(state="removed"),
                name="network_comment_removed_is_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_id} on {self.recommendation_id or self.meeting_id}"


class EmailAnswerReceipt(models.Model):
    """An email already posted as an answer: a keyed hash of its Message-ID and nothing else,
    so a message the mail server delivers twice posts once (the unique key refuses the second).
    """

    message_hash = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"email answer {self.message_hash[:8]}"


class Milestone(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title
