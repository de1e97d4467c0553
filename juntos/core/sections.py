"""The parts of the home page and the navigation that each domain app contributes."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template


@cache
def section_templates(kind: str) -> tuple[str, ...]:
    """Templates `<app>/_<kind>.html` that the domain apps provide, in the configured order."""
    found = []
    for app in settings.JUNTOS_DOMAIN_APPS:
        name = f"{app}/_{kind}.html"
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        found.append(name)
    return tuple(found)
