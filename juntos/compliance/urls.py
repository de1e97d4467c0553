from django.urls import path, re_path

from juntos.compliance import desk, views

app_name = "compliance"

urlpatterns = [
    path("check/", views.check_start, name="check"),
    path("check/season/", views.check_season, name="check_season"),
    re_path(r"^check/(?P<kind>payslip|contract|offer)/$", views.check, name="check_kind"),
    path("employer/check/", views.employer_check, name="employer_check"),
    path("kept/", views.saved_list, name="saved_list"),
    path("kept/<int:check_id>/", views.saved_detail, name="saved_detail"),
    path("kept/<int:check_id>/delete/", views.saved_delete, name="saved_delete"),
    path("rules/", views.rule_list, name="rules"),
    path("rules/<str:rule_id>/", views.rule_detail, name="rule"),
    path("rules/<str:rule_id>/new-version/", views.rule_version_add, name="rule_version_add"),
    path("desk/rules/", desk.rules_desk, name="rules_desk"),
    path(
        "desk/rules/versions/<int:version_id>/approve/",
        desk.rule_version_approve,
        name="rule_version_approve",
    ),
    path(
        "desk/rules/versions/<int:version_id>/reject/",
        desk.rule_version_reject,
        name="rule_version_reject",
    ),
]
