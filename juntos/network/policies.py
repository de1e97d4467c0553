"""Who may do what in the network.

Members (people and organisations' representatives) see the network's work; the coordinator
(a coordinator of the network secretariat) convenes bodies, meetings and votes; co-chairs
steer their working group. Everyone else, dana included, sees nothing but public results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.selectors import memberships_of
from juntos.network.choices import CommentState, RecommendationStatus, VoteStatus
from juntos.network.models import NetworkMember

if TYPE_CHECKING:
    from juntos.network.models import Comment, Recommendation, Vote, WorkingGroup


_CACHED = "_juntos_network_member"


def forget_network_member(user: Actor) -> None:
    """Drop the membership cached on this user object, after it changed."""
    vars(user).pop(_CACHED, None)


def network_member_of(user: Actor) -> NetworkMember | None:
    """The person's active network membership, fetched once per request object."""
    if not user.is_authenticated:
        return None
    cache = vars(user)
    if _CACHED not in cache:
        cache[_CACHED] = NetworkMember.objects.filter(user=user, is_active=True).first()
    member: NetworkMember | None = cache[_CACHED]
    return member


def is_coordinator(user: Actor) -> bool:
    """A coordinator of a network secretariat (second factor enforced by the middleware)."""
    if not user.is_authenticated:
        return False
    return any(
        m.role == Role.COORDINATOR and m.organisation.kind == OrganisationKind.NETWORK_SECRETARIAT
        for m in memberships_of(user)
    )


def can_view_network(user: Actor) -> bool:
    """Members and coordinators see groups, meetings, recommendations and decisions."""
    return network_member_of(user) is not None or is_coordinator(user)


def can_manage_network(user: Actor) -> bool:
    """Only the coordinator creates groups, schedules meetings and runs votes."""
    return is_coordinator(user)


def can_take_part(user: Actor) -> bool:
    """Only members mark availability, register, comment and vote."""
    return network_member_of(user) is not None


def is_group_member(user: Actor, group: WorkingGroup) -> bool:
    """A member of the working group (co-chairs included)."""
    member = network_member_of(user)
    return member is not None and group.memberships.filter(member=member).exists()


def can_view_recommendation(user: Actor, recommendation: Recommendation) -> bool:
    """Drafts stay inside their group (and the coordinator); after endorsement every member."""
    if not can_view_network(user):
        return False
    if recommendation.status != RecommendationStatus.DRAFT:
        return True
    return is_coordinator(user) or is_group_member(user, recommendation.group)


def can_edit_recommendation(user: Actor, recommendation: Recommendation) -> bool:
    """Members of the drafting group revise a draft; nobody edits it once endorsed."""
    return recommendation.status == RecommendationStatus.DRAFT and is_group_member(
        user, recommendation.group
    )


def can_support_recommendation(user: Actor, recommendation: Recommendation) -> bool:
    """A network member who may read a draft supports it (or withdraws) while it is a draft."""
    return (
        recommendation.status == RecommendationStatus.DRAFT
        and can_take_part(user)
        and can_view_recommendation(user, recommendation)
    )


def can_propose_amendment(user: Actor, recommendation: Recommendation) -> bool:
    """A network member who may read a draft proposes an amendment to it."""
    return can_support_recommendation(user, recommendation)


def can_decide_recommendation(user: Actor, recommendation: Recommendation) -> bool:
    """The drafting group's members answer on a draft, and accept or reject its amendments."""
    return recommendation.status == RecommendationStatus.DRAFT and is_group_member(
        user, recommendation.group
    )


def can_see_supporters(user: Actor, recommendation: Recommendation) -> bool:
    """The drafting group and the coordinator see who supports; everyone else the count."""
    return is_coordinator(user) or is_group_member(user, recommendation.group)


def can_vote(user: Actor, vote: Vote) -> bool:
    """A member in the vote's electorate (fixed when it opened) while it is open."""
    member = network_member_of(user)
    return (
        member is not None
        and vote.status == VoteStatus.OPEN
        and vote.electors.filter(member=member).exists()
    )


def can_translate_network(user: Actor) -> bool:
    """The coordinator and the members who interpret for the network add translations."""
    if is_coordinator(user):
        return True
    member = network_member_of(user)
    return member is not None and member.is_interpreter


def can_view_comment_subject(user: Actor, comment: Comment) -> bool:
    """A comment is seen by whoever sees its recommendation (drafts stay in their group) or
    its meeting (every member)."""
    if comment.recommendation is not None:
        return can_view_recommendation(user, comment.recommendation)
    return can_view_network(user)


def can_remove_comment(user: Actor, comment: Comment) -> bool:
    """Only its author removes a comment, while it is shown."""
    member = network_member_of(user)
    return (
        member is not None
        and comment.author_id == member.pk
        and comment.state == CommentState.SHOWN
    )


def can_hide_comment(user: Actor, comment: Comment) -> bool:
    """The coordinator hides a shown comment, with a reason."""
    return is_coordinator(user) and comment.state == CommentState.SHOWN
