"""Deployment checks of our own, run by `manage.py check --deploy` beside Django's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register


@register(deploy=True)
def keys_are_configured(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Production keeps its keys apart from SECRET_KEY (see docs/deploying.md)."""
    missing = [
        name
        for name in (
            "JUNTOS_HASH_KEY",
            "JUNTOS_ENCRYPTION_KEYS",
            "JUNTOS_AUDIT_KEY",
            "JUNTOS_AUDIT_SIGNING_KEY",
        )
        if not getattr(settings, name, "")
    ]
    return [
        Warning(
            f"{name} is not set: it falls back to a key derived from SECRET_KEY, meant for "
            "development only.",
            hint=f"Set {name} or {name}_FILE as .env.example shows.",
            id="juntos.W001",
        )
        for name in missing
    ]
