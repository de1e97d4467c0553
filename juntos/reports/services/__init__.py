"""Every write of the reports app. Other apps use `report_attach_document_by_code`."""

from juntos.reports.services.approvals import (
    case_close_request,
    case_request_decide,
    case_transfer_request,
)
from juntos.reports.services.cases import (
    case_assign,
    case_close,
    case_contact_read,
    case_link,
    case_message_send,
    case_note_add,
    case_open,
    case_plan_set,
    case_reopen,
    case_set_status,
    case_unlink,
)
from juntos.reports.services.held_files import (
    held_files_forget,
    held_files_keep,
    held_files_open,
    held_files_purge,
)
from juntos.reports.services.inspections import (
    inspection_outcome_record,
    inspector_message_send,
)
from juntos.reports.services.intake import (
    ReceiptRejected,
    Submission,
    receipt_open,
    receipt_open_numeric,
    report_attach_document_by_code,
    report_submit,
    worker_attachment_add,
    worker_message_send,
)
from juntos.reports.services.referrals import (
    consent_answer,
    consent_request,
    referral_create,
    referral_respond,
)
from juntos.reports.services.retention import report_keys_rewrap, reports_purge
from juntos.reports.services.routing import on_call_set, routing_rule_add, routing_rule_remove
from juntos.reports.services.summaries import case_summaries_send

__all__ = [
    "ReceiptRejected",
    "Submission",
    "case_assign",
    "case_close",
    "case_close_request",
    "case_contact_read",
    "case_link",
    "case_message_send",
    "case_note_add",
    "case_open",
    "case_plan_set",
    "case_reopen",
    "case_request_decide",
    "case_set_status",
    "case_summaries_send",
    "case_transfer_request",
    "case_unlink",
    "consent_answer",
    "consent_request",
    "held_files_forget",
    "held_files_keep",
    "held_files_open",
    "held_files_purge",
    "inspection_outcome_record",
    "inspector_message_send",
    "on_call_set",
    "receipt_open",
    "receipt_open_numeric",
    "referral_create",
    "referral_respond",
    "report_attach_document_by_code",
    "report_keys_rewrap",
    "report_submit",
    "reports_purge",
    "routing_rule_add",
    "routing_rule_remove",
    "worker_attachment_add",
    "worker_message_send",
]
