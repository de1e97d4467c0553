from django.urls import path, re_path

from juntos.compliance import views

app_name = "compliance"

urlpatterns = [
    path("check/", views.check_start, name="check"),
    re_path(r"^check/(?P<kind>payslip|contract|offer)/$", views.check, name="check_kind"),
    path("employer/check/", views.employer_check, name="employer_check"),
    path("kept/", views.saved_list, name="saved_list"),
    path("kept/<int:check_id>/", views.saved_detail, name="saved_detail"),
    path("kept/<int:check_id>/delete/", views.saved_delete, name="saved_delete"),
    path("rules/", views.rule_list, name="rules"),
    path("rules/<str:rule_id>/", views.rule_detail, name="rule"),
    path("rules/<str:rule_id>/new-version/", views.rule_version_add, name="rule_version_add"),
]
