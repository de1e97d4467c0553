from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "juntos.learning"
    label = "learning"
