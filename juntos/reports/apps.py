from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "juntos.reports"
    label = "reports"

    def ready(self) -> None:
        from juntos.core.services import day_rewriter_register
        from juntos.reports.services.dayseal import reports_day_rewrite

        day_rewriter_register(reports_day_rewrite)
