"""Every write of the funding program: one transaction, a policy check, an audit entry."""

from __future__ import annotations

from juntos.funding.services.applications import (
    application_start,
    application_submit,
    application_update,
    budget_line_add,
    budget_line_remove,
    budget_problems,
    deadline_shown,
    over_allowance,
    partner_add,
    partner_answer,
    partner_remove,
)
from juntos.funding.services.calls import (
    call_open,
    deadline_from_local,
)
from juntos.funding.services.projects import (
    award_make,
    quarterly_schedule,
    report_approve,
    report_file,
    report_reminders_send,
    report_skip,
)
from juntos.funding.services.review import (
    application_organisations,
    review_declare,
    review_score,
    reviewer_assign,
)

__all__ = [
    "application_organisations",
    "application_start",
    "application_submit",
    "application_update",
    "award_make",
    "budget_line_add",
    "budget_line_remove",
    "budget_problems",
    "call_open",
    "deadline_from_local",
    "deadline_shown",
    "over_allowance",
    "partner_add",
    "partner_answer",
    "partner_remove",
    "quarterly_schedule",
    "report_approve",
    "report_file",
    "report_reminders_send",
    "report_skip",
    "review_declare",
    "review_score",
    "reviewer_assign",
]
