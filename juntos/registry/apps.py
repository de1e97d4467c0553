from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "juntos.registry"
    label = "registry"
