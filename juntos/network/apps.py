from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "juntos.network"
    label = "network"
