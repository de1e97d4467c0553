from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "juntos.credentials"
    label = "credentials"
