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
        # So do credentials (issued, revoked, suspended, hidden) and the mappings that carry
        # them to an occupation; named lazily, since this app reads credentials only through
        # its selectors.
        for label in ("credentials.Credential", "credentials.Equivalence"):
            for signal in (post_save, post_delete):
                signal.connect(selectors.forget_worker_index, sender=label, weak=False)
