"""Writes before a working group decides on a draft: support, amendments, the group's answers.

Members who may read a draft support it and propose amendments; the drafting group accepts an
amendment (a new revision written by its proposer) or rejects it with a reason; the group's
members answer agree or disagree on the current revision, and the draft is endorsed when
enough of them have answered (the group's quorum) and most of those agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record, notify_person
from juntos.network.choices import AmendmentState, RecommendationStatus
from juntos.network.models import (
    Amendment,
    AmendmentText,
    GroupAnswer,
    NetworkMember,
    Recommendation,
    RecommendationText,
    Revision,
    Support,
)
from juntos.network.policies import can_view_recommendation, is_group_member
from juntos.network.services._common import require_member, require_text, site_link
from juntos.network.services.recommendations import revision_add
from juntos.network.services.texts import text_save
from juntos.network.texts import TextsInLanguage

REASON_LIMIT = 2000


def _decided() -> ValidationError:
    return ValidationError(
        _(
            "The working group has already decided on this recommendation: it takes no more "
            "support, amendments or answers."
        )
    )


def _readable_draft(actor: Actor, recommendation: Recommendation) -> None:
    """Refuse who may not read it (PermissionDenied) and a decided recommendation (why)."""
    if not can_view_recommendation(actor, recommendation):
        raise PermissionDenied
    if recommendation.status != RecommendationStatus.DRAFT:
        raise _decided()


def recommendation_support(*, actor: Actor, recommendation: Recommendation) -> Support:
    """A member who may read the draft supports it (once; supporting again changes nothing)."""
    member = require_member(actor)
    _readable_draft(actor, recommendation)
    with transaction.atomic():
        support, created = Support.objects.get_or_create(
            recommendation=recommendation, member=member
        )
        if created:
            audit_record(actor=actor, action="network.support_add", target=recommendation)
    return support


def recommendation_support_withdraw(*, actor: Actor, recommendation: Recommendation) -> bool:
    """The member takes her support back while it is a draft; whether there was one."""
    member = require_member(actor)
    _readable_draft(actor, recommendation)
    with transaction.atomic():
        removed, _rows = Support.objects.filter(
            recommendation=recommendation, member=member
        ).delete()
        if removed:
            audit_record(actor=actor, action="network.support_withdraw", target=recommendation)
    return bool(removed)


def current_revision(recommendation: Recommendation) -> Revision:
    """The revision the draft reads as now (the highest number)."""
    return recommendation.revisions.order_by("-number").first()  # type: ignore[return-value]


def _cleaned_texts(
    recommendation: Recommendation, texts: Mapping[str, tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """The languages whose proposed title and text differ from what the draft says now."""
    now = {
        t.language: (t.title, t.body)
        for t in RecommendationText.objects.filter(source=recommendation)
    }
    now[recommendation.language] = (recommendation.title, recommendation.body)
    cleaned: dict[str, tuple[str, str]] = {}
    for language, (title, body) in texts.items():
        if language not in dict(settings.LANGUAGES):
            raise ValidationError(_("Choose English, Spanish or French."))
        title, body = (title or "").strip(), (body or "").strip()
        if not title and not body:
            continue
        if not title or not body:
            raise ValidationError(
                {
                    f"{'body' if title else 'title'}_{language}": _(
                        "Give both the title and the text in this language, or leave both empty."
                    )
                }
            )
        require_text(title, field=f"title_{language}", limit=300)
        require_text(body, field=f"body_{language}", limit=20000)
        if (title, body) != now.get(language):
            cleaned[language] = (title, body)
    return cleaned


def amendment_propose(
    *,
    actor: Actor,
    recommendation: Recommendation,
    texts: Mapping[str, tuple[str, str]],
    reason: str,
) -> Amendment:
    """A member proposes a new title and text (per language, the draft's own always), saying why."""
    member = require_member(actor)
    _readable_draft(actor, recommendation)
    cleaned = _cleaned_texts(recommendation, texts)
    source = recommendation.language
    if source not in cleaned:
        raise ValidationError(
            {
                f"body_{source}": _(
                    "Change the title or the text in the language the draft is written in: "
                    "that is the version the group decides on."
                )
            }
        )
    reason = require_text(reason, field="reason", limit=REASON_LIMIT)
    with transaction.atomic():
        amendment = Amendment.objects.create(
            recommendation=recommendation,
            base=current_revision(recommendation),
            proposer=member,
            reason=reason,
        )
        AmendmentText.objects.bulk_create(
            AmendmentText(amendment=amendment, language=lang, title=title, body=body)
            for lang, (title, body) in sorted(cleaned.items())
        )
        audit_record(
            actor=actor,
            action="network.amendment_propose",
            target=recommendation,
            details={"amendment": amendment.pk, "languages": sorted(cleaned)},
        )
    return amendment


def _locked_for_answer(actor: Actor, amendment: Amendment) -> tuple[Recommendation, Amendment]:
    """The amendment and its draft, locked, once the actor may answer it and it is pending."""
    recommendation = Recommendation.objects.select_for_update().get(pk=amendment.recommendation_id)
    locked = (
        Amendment.objects.select_for_update().select_related("proposer__user").get(pk=amendment.pk)
    )
    if not is_group_member(actor, recommendation.group):
        raise PermissionDenied
    if recommendation.status != RecommendationStatus.DRAFT:
        raise _decided()
    if locked.state != AmendmentState.PENDING:
        raise ValidationError(_("This amendment has already been answered."))
    return recommendation, locked


def amendment_accept(*, actor: Actor, amendment: Amendment) -> Revision:
    """A member of the drafting group accepts an amendment: a new revision by its proposer."""
    member = require_member(actor)
    with transaction.atomic():
        recommendation, locked = _locked_for_answer(actor, amendment)
        if current_revision(recommendation).pk != locked.base_id:
            raise ValidationError(
                _(
                    "The draft has changed since this amendment was proposed: reject it and ask "
                    "for one made on the text as it reads now."
                )
            )
        texts = {t.language: t for t in locked.texts.all()}
        source = texts[recommendation.language]
        revision = revision_add(
            recommendation=recommendation,
            title=source.title,
            body=source.body,
            author=locked.proposer.user,
            note=locked.reason,
        )
        for language, text in texts.items():
            if language != recommendation.language:
                text_save(
                    source=recommendation, language=language, title=text.title, body=text.body
                )
        locked.state, locked.decided_by, locked.revision = AmendmentState.ACCEPTED, member, revision
        locked.save(update_fields=["state", "decided_by", "revision"])
        audit_record(
            actor=actor,
            action="network.amendment_accept",
            target=recommendation,
            details={"amendment": locked.pk, "revision": revision.number},
        )
        _tell_proposer(locked, recommendation, member)
    amendment.state = locked.state
    return revision


def amendment_reject(*, actor: Actor, amendment: Amendment, reason: str) -> Amendment:
    """A member of the drafting group rejects an amendment and says why, to its proposer."""
    member = require_member(actor)
    reason = require_text(reason, field="reason", limit=REASON_LIMIT)
    with transaction.atomic():
        recommendation, locked = _locked_for_answer(actor, amendment)
        locked.state, locked.decided_by = AmendmentState.REJECTED, member
        locked.rejection_reason = reason
        locked.save(update_fields=["state", "decided_by", "rejection_reason"])
        # The reason is on the amendment; the audit names the amendment only.
        audit_record(
            actor=actor,
            action="network.amendment_reject",
            target=recommendation,
            details={"amendment": locked.pk},
        )
        _tell_proposer(locked, recommendation, member)
    return locked


def _tell_proposer(
    amendment: Amendment, recommendation: Recommendation, decider: NetworkMember
) -> None:
    proposer = amendment.proposer
    user = proposer.user
    if not proposer.is_active or not user.is_active or amendment.proposer_id == decider.pk:
        return

    def render() -> tuple[str, str]:
        context = {
            "accepted": amendment.state == AmendmentState.ACCEPTED,
            "decider": decider.name,
            "reason": amendment.rejection_reason,
            "title": TextsInLanguage(user.preferred_language).shown(recommendation).title,
            "link": site_link(
                "network:amendment", user.preferred_language, amendment_id=amendment.pk
            ),
        }
        title = render_to_string("network/amendment_notice_subject.txt", context).strip()
        return title, render_to_string("network/amendment_notice.txt", context).strip()

    notify_person(user, render)


def decision_needed(*, members: int, quorum: int | None) -> int:
    """Answers a group needs to decide: its quorum, else a majority; never more than it has."""
    wanted = quorum or members // 2 + 1
    return max(1, min(wanted, members))


@dataclass(frozen=True)
class DecisionProgress:
    """Where the group's decision on the current revision stands."""

    revision: int
    members: int
    needed: int
    agree: int
    disagree: int

    @property
    def answered(self) -> int:
        return self.agree + self.disagree

    @property
    def quorum_met(self) -> bool:
        return self.answered >= self.needed

    @property
    def carried(self) -> bool:
        """Enough answers, and more agree than disagree."""
        return self.quorum_met and self.agree > self.disagree


def decision_progress(recommendation: Recommendation, revision: Revision) -> DecisionProgress:
    """The answers on this revision from members still in the group (three queries)."""
    group = recommendation.group
    members = group.memberships.count()
    counted = GroupAnswer.objects.filter(
        revision=revision, member__group_memberships__group=group
    ).aggregate(
        agree=Count("pk", filter=Q(agrees=True)), disagree=Count("pk", filter=Q(agrees=False))
    )
    return DecisionProgress(
        revision=revision.number,
        members=members,
        needed=decision_needed(members=members, quorum=group.decision_quorum),
        agree=counted["agree"],
        disagree=counted["disagree"],
    )


def recommendation_answer(
    *, actor: Actor, recommendation: Recommendation, agrees: bool
) -> DecisionProgress:
    """A member of the drafting group agrees or disagrees with the current revision (she may
    change her answer); the draft is endorsed once the group's quorum answered and most agree."""
    member = require_member(actor)
    with transaction.atomic():
        # Locked while counting: two last answers at once must not both miss, or both make,
        # the decision.
        locked = (
            Recommendation.objects.select_for_update()
            .select_related("group")
            .get(pk=recommendation.pk)
        )
        if not is_group_member(actor, locked.group):
            raise PermissionDenied
        if locked.status != RecommendationStatus.DRAFT:
            raise _decided()
        revision = current_revision(locked)
        GroupAnswer.objects.update_or_create(
            revision=revision, member=member, defaults={"recommendation": locked, "agrees": agrees}
        )
        audit_record(
            actor=actor,
            action="network.recommendation_answer",
            target=locked,
            details={"revision": revision.number, "agrees": agrees},
        )
        progress = decision_progress(locked, revision)
        if progress.carried:
            locked.status = RecommendationStatus.ENDORSED
            locked.save(update_fields=["status"])
            audit_record(
                actor=actor,
                action="network.recommendation_endorse",
                target=locked,
                details={
                    "revision": revision.number,
                    "agree": progress.agree,
                    "answered": progress.answered,
                },
            )
    recommendation.status = locked.status
    return progress
