from django.urls import path

from juntos.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/<slug:slug>/targets/", views.targets, name="targets"),
]
