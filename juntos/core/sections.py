"""The parts of the home page and the navigation that each domain app contributes."""

from __future__ import annotations

from collections.abc import Callable, Hashable
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


# What a signed-in person's navigation links depend on: set by the app that knows people's
# roles (accounts, at start-up), so that core need not know them. None: render hers anew.
_nav_key: list[Callable[[object], Hashable]] = []


def set_nav_key(function: Callable[[object], Hashable]) -> None:
    """Name what the apps' `_nav.html` templates may depend on about the person (her roles).

    Those templates may then use nothing else about her: two people with the same key are
    shown the same links.
    """
    _nav_key[:] = [function]


def nav_key(user: object) -> Hashable | None:
    """The key a signed-in person's links are remembered under, or None to render them anew."""
    return _nav_key[0](user) if _nav_key else None
