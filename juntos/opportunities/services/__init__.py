"""Every write of the opportunities app."""

from juntos.opportunities.services.matching import (
    CONSENT_TEXT,
    application_apply,
    application_hire,
    application_invite,
    application_withdraw,
    findable_opt_in,
    findable_opt_out,
)
from juntos.opportunities.services.named import (
    named_request_change_worker,
    named_request_create,
    named_request_decide,
    named_request_permit_started,
    named_request_respond,
    naming_deadline,
    not_named_back_offer,
    not_named_back_offer_one,
    returning_pool_join,
    season_record,
)
from juntos.opportunities.services.referrals import (
    follow_up_record,
    follow_up_reminders_send,
    referral_create,
    referral_set_status,
)
from juntos.opportunities.services.vacancies import (
    VacancyFacts,
    vacancy_close,
    vacancy_create,
    vacancy_publish,
    vacancy_review,
    vacancy_update,
)
from juntos.opportunities.services.visits import (
    visit_report,
    visit_request_create,
    visit_volunteer_choose,
    volunteer_offer_save,
    volunteer_vet,
)

__all__ = [
    "CONSENT_TEXT",
    "VacancyFacts",
    "application_apply",
    "application_hire",
    "application_invite",
    "application_withdraw",
    "findable_opt_in",
    "findable_opt_out",
    "follow_up_record",
    "follow_up_reminders_send",
    "named_request_change_worker",
    "named_request_create",
    "named_request_decide",
    "named_request_permit_started",
    "named_request_respond",
    "naming_deadline",
    "not_named_back_offer",
    "not_named_back_offer_one",
    "referral_create",
    "referral_set_status",
    "returning_pool_join",
    "season_record",
    "vacancy_close",
    "vacancy_create",
    "vacancy_publish",
    "vacancy_review",
    "vacancy_update",
    "visit_report",
    "visit_request_create",
    "visit_volunteer_choose",
    "volunteer_offer_save",
    "volunteer_vet",
]
