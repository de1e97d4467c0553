"""Webhook addresses to give the gateways: outside the language prefix, never translated."""

from django.urls import path

from juntos.channels import views

app_name = "channel_hooks"
urlpatterns = [
    path("twilio/sms/", views.twilio_sms, name="twilio_sms"),
    path("twilio/status/", views.twilio_status, name="twilio_status"),
    path("twilio/voice/", views.twilio_voice, name="voice"),
    path("whatsapp/", views.whatsapp, name="whatsapp"),
]
