from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "juntos.research"
    default_auto_field = "django.db.models.BigAutoField"
