"""`choice_label` (the `label` filter) says what `get_FOO_display` says, for every choice field
of every model, every value, in every language, and for a value that is not a choice."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Field
from django.template import Context, Template
from django.utils import translation

from juntos.core.labels import choice_label
from juntos.learning.models import Season


def _choice_fields() -> list[tuple[type, Field]]:
    return [
        (model, field)
        for model in apps.get_models()
        if model.__module__.startswith("juntos.")
        for field in model._meta.concrete_fields
        if field.choices is not None
    ]


def test_every_choice_of_every_field_reads_as_django_reads_it():
    fields = _choice_fields()
    assert len(fields) > 20  # the product's models were found
    for language in ("en", "es", "fr"):
        with translation.override(language):
            for model, field in fields:
                display = f"get_{field.name}_display"
                values = [value for value, _label in field.flatchoices]
                for value in [*values, "not-a-choice"]:
                    instance = model(**{field.attname: value})
                    assert choice_label(instance, field.name) == getattr(instance, display)()


def test_the_filter_follows_the_language_of_the_page():
    season = Season(province="QC", program="sawp-mx")
    page = Template('{{ season|label:"province" }} · {{ season|label:"program" }}')
    written = {}
    for language in ("en", "es", "fr"):
        with translation.override(language):
            written[language] = page.render(Context({"season": season}))
            assert written[language] == (
                f"{season.get_province_display()} · {season.get_program_display()}"
            )
    assert len(set(written.values())) > 1  # not the first language's labels for all
