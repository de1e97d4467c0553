from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "juntos.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from juntos.core.services import (
            day_rewriter_register,
            fact_sink_register,
            reported_figures_sink_register,
        )
        from juntos.monitoring.services import (
            fact_record,
            facts_day_rewrite,
            reported_figures_take,
        )

        fact_sink_register(fact_record)
        day_rewriter_register(facts_day_rewrite)
        reported_figures_sink_register(reported_figures_take)
