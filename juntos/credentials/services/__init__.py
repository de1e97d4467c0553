"""Every write of the credentials app. Other apps import from here."""

from juntos.credentials.services.assessments import (
    assessment_decide,
    assessment_request,
    authorisation_grant,
    authorisation_revoke,
)
from juntos.credentials.services.credentials import (
    credential_hide,
    credential_issue,
    credential_revoke,
    credential_suspend,
    credentials_issue_batch,
    share_create,
    share_revoke,
)
from juntos.credentials.services.frameworks import (
    equivalence_bridging_set,
    frameworks_load,
    standard_course_link,
)
from juntos.credentials.services.keys import issuer_key_current, issuer_key_rotate

__all__ = [
    "assessment_decide",
    "assessment_request",
    "authorisation_grant",
    "authorisation_revoke",
    "credential_hide",
    "credential_issue",
    "credential_revoke",
    "credential_suspend",
    "credentials_issue_batch",
    "equivalence_bridging_set",
    "frameworks_load",
    "issuer_key_current",
    "issuer_key_rotate",
    "share_create",
    "share_revoke",
    "standard_course_link",
]
