from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "juntos.reports"
    label = "reports"
