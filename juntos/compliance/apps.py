from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "juntos.compliance"
    label = "compliance"
