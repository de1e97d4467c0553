from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class OpportunitiesConfig(AppConfig):
    name = "juntos.opportunities"
    label = "opportunities"

    def ready(self) -> None:
        # Who may be found, and their seasons, feed the remembered matching index.
        from juntos.opportunities import models, selectors

        for model in (models.FindableWorker, models.SeasonEngagement):
            for signal in (post_save, post_delete):
                signal.connect(selectors.forget_worker_index, sender=model, weak=False)
