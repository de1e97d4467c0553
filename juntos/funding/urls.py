from django.urls import path

from juntos.funding.views import applications, calls, projects, review

app_name = "funding"

urlpatterns = [
    path("", calls.index, name="index"),
    path("calls/new/", calls.call_create, name="call_create"),
    path("calls/<int:call_id>/", calls.call_detail, name="call"),
    path("calls/<int:call_id>/apply/", applications.application_start, name="application_start"),
    path("calls/<int:call_id>/review/", review.review_board, name="board"),
    path("applications/", applications.application_list, name="applications"),
    path("applications/<int:application_id>/", applications.application_detail, name="application"),
    path(
        "applications/<int:application_id>/partners/", applications.partner_add, name="partner_add"
    ),
    path(
        "applications/<int:application_id>/partners/<int:partner_id>/remove/",
        applications.partner_remove,
        name="partner_remove",
    ),
    path(
        "applications/<int:application_id>/partners/<int:partner_id>/answer/",
        applications.partner_answer,
        name="partner_answer",
    ),
    path("applications/<int:application_id>/lines/", applications.line_add, name="line_add"),
    path(
        "applications/<int:application_id>/lines/<int:line_id>/remove/",
        applications.line_remove,
        name="line_remove",
    ),
    path(
        "applications/<int:application_id>/submit/", applications.application_submit, name="submit"
    ),
    path("applications/<int:application_id>/award/", review.award, name="award"),
    path("reviews/", review.review_queue, name="reviews"),
    path("reviews/<int:application_id>/", review.review_detail, name="review"),
    path("projects/", projects.project_list, name="projects"),
    path("projects/<int:project_id>/", projects.project_detail, name="project"),
    path("reports/<int:report_id>/file/", projects.report_file, name="report_file"),
    path("reports/<int:report_id>/approve/", projects.report_approve, name="report_approve"),
    path("reports/<int:report_id>/skip/", projects.report_skip, name="report_skip"),
    path("grants/", projects.grants, name="grants"),
]
