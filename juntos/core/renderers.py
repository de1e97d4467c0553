"""The form renderer: Django's, with select options written without a template each."""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property


class FormRenderer(DjangoTemplates):
    """Looks in `juntos/core/form_templates` first, then where Django's renderer looks.

    Our `select.html` writes its options inline: Django's includes a template per option (and
    another for its attributes), which made the long selects of worker forms (months, provinces)
    the slowest part of their pages.
    """

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(__file__).parent / "form_templates",
                    Path(django.forms.__file__).parent / "templates",
                ],
                "NAME": "juntosforms",
                "OPTIONS": {},
            }
        )
