from django.urls import path

from juntos.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/<slug:slug>/targets/", views.targets, name="targets"),
    path("staff/", views.staff_dashboard, name="staff"),
    path("reported/<int:reported_id>/decide/", views.decide, name="decide"),
    path("organisations/<slug:slug>/", views.organisation_dashboard, name="organisation"),
    path("report/", views.report, name="report"),
]
