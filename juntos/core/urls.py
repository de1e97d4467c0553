from django.urls import path

from juntos.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("outbox/", views.outbox, name="outbox"),
    path("audit/", views.audit_checkpoints, name="audit_checkpoints"),
]
