from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "juntos.opportunities"
    label = "opportunities"
