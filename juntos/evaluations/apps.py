from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "juntos.evaluations"
    label = "evaluations"
