from django.urls import path

from juntos.reports.views import inspector, staff, worker

app_name = "reports"

urlpatterns = [
    path("", worker.intake, name="intake"),
    path("status/", worker.status, name="status"),
    path("status/message/", worker.status_message, name="status_message"),
    path("status/consent/", worker.status_consent, name="status_consent"),
    path("status/file/", worker.status_attach, name="status_attach"),
    path("queue/", staff.queue, name="queue"),
    path("queue/on-call/", staff.on_call, name="on_call"),
    path("reports/<uuid:report_id>/", staff.report_detail, name="report"),
    path("reports/<uuid:report_id>/open/", staff.case_open, name="case_open"),
    path("cases/", staff.case_list, name="case_list"),
    path("cases/<int:case_id>/", staff.case_detail, name="case"),
    path("cases/<int:case_id>/plan/", staff.case_plan, name="case_plan"),
    path("cases/<int:case_id>/reopen/", staff.case_reopen, name="case_reopen"),
    path("cases/<int:case_id>/links/", staff.case_link, name="case_link"),
    path("cases/<int:case_id>/links/<int:other_id>/remove/", staff.case_unlink, name="case_unlink"),
    path("cases/<int:case_id>/assign/", staff.case_assign, name="case_assign"),
    path("cases/<int:case_id>/status/", staff.case_status, name="case_status"),
    path("cases/<int:case_id>/note/", staff.case_note, name="case_note"),
    path("cases/<int:case_id>/message/", staff.case_message, name="case_message"),
    path("cases/<int:case_id>/refer/", staff.case_refer, name="case_refer"),
    path("cases/<int:case_id>/consent/", staff.case_consent, name="case_consent"),
    path("cases/<int:case_id>/close/", staff.case_close, name="case_close"),
    path(
        "cases/<int:case_id>/requests/<int:request_id>/",
        staff.case_request_decide,
        name="case_request_decide",
    ),
    path("cases/<int:case_id>/contact/", staff.case_contact, name="case_contact"),
    path("offers/<int:referral_id>/", staff.offer_answer, name="offer_answer"),
    path("files/<uuid:attachment_id>/", staff.attachment, name="attachment"),
    path("inspectorate/", inspector.inspector_list, name="inspector_list"),
    path("inspectorate/<int:referral_id>/", inspector.inspector_detail, name="inspector_detail"),
    path(
        "inspectorate/<int:referral_id>/message/",
        inspector.inspector_message,
        name="inspector_message",
    ),
    path(
        "inspectorate/<int:referral_id>/outcome/",
        inspector.inspector_outcome,
        name="inspector_outcome",
    ),
    path("routing/", staff.routing, name="routing"),
    path("routing/<int:rule_id>/delete/", staff.routing_delete, name="routing_delete"),
]
