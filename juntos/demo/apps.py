from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "juntos.demo"
    label = "demo"
    verbose_name = "Demo data"
