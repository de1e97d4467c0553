from django.urls import path

from juntos.channels import views

app_name = "channels"
urlpatterns = [
    path("simulator/", views.simulator, name="simulator"),
]
