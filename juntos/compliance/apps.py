from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "juntos.compliance"
    label = "compliance"

    def ready(self) -> None:
        # The evaluators and the coverage check register themselves with the engine on
        # import; the engine itself never imports them, so that they do not import each other.
        from juntos.compliance import coverage, evaluators  # noqa: F401
        from juntos.compliance.article_figures import figure_certainty, figure_text
        from juntos.rights.services import figure_resolver_register

        # The rights articles name rule figures; they read them from here.
        figure_resolver_register(figure_text, figure_certainty)
