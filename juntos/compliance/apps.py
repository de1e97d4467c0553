from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "juntos.compliance"
    label = "compliance"

    def ready(self) -> None:
        # The evaluators and the coverage check register themselves with the engine on
        # import; the engine itself never imports them, so that they do not import each other.
        from juntos.compliance import coverage, evaluators  # noqa: F401
