"""Every write of the network app. Other apps import from here."""

from juntos.network.services.comments import (
    comment_add,
    comment_hide,
    comment_remove,
    comment_reply,
)
from juntos.network.services.digest import digest_deliver, plenary_digest_queue
from juntos.network.services.email_answers import AlreadyPosted, comment_answer_by_email
from juntos.network.services.meetings import (
    agenda_item_add,
    availability_set,
    interpreter_assign,
    meeting_create,
    meeting_record_held,
    meeting_schedule,
    minutes_save,
    registration_save,
)
from juntos.network.services.members import (
    feed_token_reset,
    group_create,
    group_member_add,
    member_add,
)
from juntos.network.services.notices import vote_notices_deliver, vote_reminders_queue
from juntos.network.services.recommendations import (
    milestone_add,
    milestone_complete,
    recommendation_draft,
    recommendation_endorse,
    recommendation_put_on_agenda,
    recommendation_revise,
    recommendation_track,
)
from juntos.network.services.texts import content_text_set
from juntos.network.services.trustees import trustee_key_set, trustees_needed
from juntos.network.services.votes import (
    AlreadyVoted,
    CastReceipt,
    Tally,
    ballot_cast,
    proxy_grant,
    receipt_hash,
    tally_count,
    tally_recount,
    tally_share_open,
    vote_close,
    vote_open,
    votes_close_due,
)

__all__ = [
    "AlreadyPosted",
    "AlreadyVoted",
    "CastReceipt",
    "Tally",
    "agenda_item_add",
    "availability_set",
    "ballot_cast",
    "comment_add",
    "comment_answer_by_email",
    "comment_hide",
    "comment_remove",
    "comment_reply",
    "content_text_set",
    "digest_deliver",
    "feed_token_reset",
    "group_create",
    "group_member_add",
    "interpreter_assign",
    "meeting_create",
    "meeting_record_held",
    "meeting_schedule",
    "member_add",
    "milestone_add",
    "milestone_complete",
    "minutes_save",
    "plenary_digest_queue",
    "proxy_grant",
    "receipt_hash",
    "recommendation_draft",
    "recommendation_endorse",
    "recommendation_put_on_agenda",
    "recommendation_revise",
    "recommendation_track",
    "registration_save",
    "tally_count",
    "tally_recount",
    "tally_share_open",
    "trustee_key_set",
    "trustees_needed",
    "vote_close",
    "vote_notices_deliver",
    "vote_open",
    "vote_reminders_queue",
    "votes_close_due",
]
