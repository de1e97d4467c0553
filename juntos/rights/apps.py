from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "juntos.rights"
    label = "rights"
