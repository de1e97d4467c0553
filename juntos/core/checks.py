"""Deployment checks of our own, run by `manage.py check --deploy` beside Django's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register


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


REDIS_THROTTLE_STORE = "juntos.core.ratelimit.RedisThrottleStore"


@register()
def throttles_are_never_evicted(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Throttle counters in Redis hold only on a Redis that never evicts: an evicting one lets
    whoever fills it wipe the counts (core/ratelimit.py)."""
    if settings.JUNTOS_THROTTLE_STORE != REDIS_THROTTLE_STORE:
        return []
    if not settings.JUNTOS_THROTTLE_REDIS_URL:
        return [
            Error(
                "JUNTOS_THROTTLE_STORE names the Redis store but no Redis is set.",
                hint="Set JUNTOS_THROTTLE_REDIS_URL or REDIS_URL.",
                id="juntos.E001",
            )
        ]
    import redis

    try:
        policy = redis.Redis.from_url(settings.JUNTOS_THROTTLE_REDIS_URL).config_get(
            "maxmemory-policy"
        )
    except redis.RedisError as error:
        return [
            Warning(
                f"Could not read the throttle Redis's maxmemory-policy ({error}).",
                hint="Make sure it is noeviction: an evicting Redis lets throttles be wiped.",
                id="juntos.W002",
            )
        ]
    found = str(policy.get("maxmemory-policy", ""))
    if found != "noeviction":
        return [
            Error(
                f"The throttle Redis evicts keys (maxmemory-policy {found}).",
                hint="Set maxmemory-policy noeviction on it, or use a Redis of its own.",
                id="juntos.E002",
            )
        ]
    return []


@register()
def replica_is_postgresql(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Public reads go to a replica only on PostgreSQL streaming replication (core/replica.py)."""
    databases = settings.DATABASES
    if "replica" not in databases:
        return []
    engines = {databases[alias]["ENGINE"] for alias in ("default", "replica")}
    if engines <= {"django.db.backends.postgresql", "juntos.core.postgresql"}:
        return []
    return [
        Error(
            "JUNTOS_DATABASE_REPLICA_URL is set, but the primary and the replica are not both "
            "PostgreSQL.",
            hint="Unset JUNTOS_DATABASE_REPLICA_URL, or point both URLs at PostgreSQL.",
            id="juntos.E003",
        )
    ]
