from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "juntos.federation"
    default_auto_field = "django.db.models.BigAutoField"
