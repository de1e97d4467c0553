from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class LearningConfig(AppConfig):
    name = "juntos.learning"
    label = "learning"

    def ready(self) -> None:
        # Any change to what the public catalogue shows forgets this process's memory of it.
        from juntos.learning import models, selectors

        for model in (models.Course, models.CourseText, models.Session, models.Enrolment):
            for signal in (post_save, post_delete):
                signal.connect(selectors.forget_catalogue, sender=model, weak=False)
