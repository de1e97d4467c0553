"""The network's records: members and bodies, meetings, recommendations and votes."""

from juntos.network.models.bodies import GroupMembership, NetworkMember, WorkingGroup
from juntos.network.models.drafting import Amendment, AmendmentText, GroupAnswer, Support
from juntos.network.models.meetings import (
    AgendaItem,
    Availability,
    InterpreterAssignment,
    Meeting,
    Minutes,
    PollOption,
    Registration,
)
from juntos.network.models.recommendations import (
    Comment,
    EmailAnswerReceipt,
    Milestone,
    Recommendation,
    Revision,
)
from juntos.network.models.texts import GroupText, MeetingText, RecommendationText
from juntos.network.models.votes import (
    Ballot,
    BallotAnswer,
    BallotChangeError,
    Elector,
    Participation,
    Proxy,
    TrusteeKey,
    Vote,
    VoteOption,
    VoteTrustee,
)

__all__ = [
    "AgendaItem",
    "Amendment",
    "AmendmentText",
    "Availability",
    "Ballot",
    "BallotAnswer",
    "BallotChangeError",
    "Comment",
    "Elector",
    "EmailAnswerReceipt",
    "GroupAnswer",
    "GroupMembership",
    "GroupText",
    "InterpreterAssignment",
    "Meeting",
    "MeetingText",
    "Milestone",
    "Minutes",
    "NetworkMember",
    "Participation",
    "PollOption",
    "Proxy",
    "Recommendation",
    "RecommendationText",
    "Registration",
    "Revision",
    "Support",
    "TrusteeKey",
    "Vote",
    "VoteOption",
    "VoteTrustee",
    "WorkingGroup",
]
