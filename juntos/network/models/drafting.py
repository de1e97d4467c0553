"""Before a working group decides on a draft: members' support, proposed amendments, and the
group's answers (agree or disagree) on the current revision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from juntos.network.choices import AmendmentState
from juntos.network.models.bodies import NetworkMember
from juntos.network.models.recommendations import Recommendation, Revision


class Support(models.Model):
    """A member backs a draft; one per member, withdrawn by deleting it while it is a draft."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="supports"
    )
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "member"], name="network_support_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} supports {self.recommendation_id}"


class Amendment(models.Model):
    """A member's proposed new title and text, in one or more languages, with a reason.

    Accepted, it becomes a new revision written by its proposer (`revision`); rejected, it keeps
    the group's reason. It was proposed against `base` and is accepted only while that is still
    the current revision, so an amendment never undoes a change it did not see.
    """

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="amendments"
    )
    base = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="+")
    proposer = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("why"))
    state = models.CharField(
        max_length=10, choices=AmendmentState.choices, default=AmendmentState.PENDING
    )
    decided_by = models.ForeignKey(
        NetworkMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.TextField(_("why it is rejected"), blank=True)
    revision = models.OneToOneField(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="amendment"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="accepted", revision__isnull=False) | ~Q(state="accepted"),
                name="network_amendment_accepted_has_revision",
            ),
            models.CheckConstraint(
                condition=~Q(state="rejected", rejection_reason=""),
                name="network_amendment_rejected_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} amendment {self.pk}"


class AmendmentText(models.Model):
    """The proposed title and text in one language (the draft's own language always)."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["amendment", "language"], name="network_amendment_text")
        ]

    def __str__(self) -> str:
        return f"{self.amendment_id} [{self.language}]"


class GroupAnswer(models.Model):
    """A working group member's agree or disagree on one revision of a draft.

    Answers belong to the revision they were given on, so a new revision starts the count again.
    """

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="group_answers"
    )
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="answers")
    member = models.ForeignKey(NetworkMember, on_delete=models.CASCADE, related_name="+")
    agrees = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["revision", "member"], name="network_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} on {self.revision_id}: {self.agrees}"
