from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "juntos.credentials"
    label = "credentials"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from juntos.credentials import models, selectors

        # The standards and mappings a process remembers (selectors.REFERENCE_MEMORY_SECONDS).
        for model in (models.Framework, models.Standard, models.Unit, models.Equivalence):
            for signal in (post_save, post_delete):
                signal.connect(
                    selectors.forget_reference_data,
                    sender=model,
                    dispatch_uid=f"{model.__name__}-forget",
                )
        m2m_changed.connect(
            selectors.forget_reference_data,
            sender=models.Equivalence.covered_units.through,
            dispatch_uid="equivalence-units-forget",
        )
