"""Every write of the learning app. Other apps import from here."""

from juntos.learning.services.account import person_erase, person_export
from juntos.learning.services.courses import (
    assessment_record,
    attendance_record,
    completion_evaluate,
    course_create,
    enrolment_create,
    enrolment_sign_off,
    enrolment_withdraw,
    session_create,
)
from juntos.learning.services.profiles import (
    goal_set,
    grant_add,
    grant_revoke,
    objective_add,
    objective_mark,
    profile_claim,
    profile_item_remove,
    profile_language_add,
    profile_start,
    profile_update,
    season_add,
    skill_add,
)
from juntos.learning.services.vault import (
    document_delete,
    document_open,
    document_share,
    document_upload,
    documents_attach_to_case,
    share_revoke,
)
from juntos.learning.services.workshops import (
    workshop_attendance_mark,
    workshop_attendee_add,
    workshop_create,
)

__all__ = [
    "assessment_record",
    "attendance_record",
    "completion_evaluate",
    "course_create",
    "document_delete",
    "document_open",
    "document_share",
    "document_upload",
    "documents_attach_to_case",
    "enrolment_create",
    "enrolment_sign_off",
    "enrolment_withdraw",
    "goal_set",
    "grant_add",
    "grant_revoke",
    "objective_add",
    "objective_mark",
    "person_erase",
    "person_export",
    "profile_claim",
    "profile_item_remove",
    "profile_language_add",
    "profile_start",
    "profile_update",
    "season_add",
    "session_create",
    "share_revoke",
    "skill_add",
    "workshop_attendance_mark",
    "workshop_attendee_add",
    "workshop_create",
]
