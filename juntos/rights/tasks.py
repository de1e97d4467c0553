"""Background work of the rights library: alerts, digests and scheduled publication."""

from __future__ import annotations

from django_tasks import task

from juntos.rights import services
from juntos.rights.services.alerts import send_version_alerts

__all__ = [
    "publish_due_versions",
    "purge_unconfirmed_subscriptions",
    "send_version_alerts",
    "send_weekly_digests",
]


@task()
def send_weekly_digests() -> int:
    """Send the weekly digests that are due."""
    return services.digests_send()


@task()
def publish_due_versions() -> int:
    """Publish scheduled versions whose effective date has come."""
    return services.versions_publish_due()


@task()
def purge_unconfirmed_subscriptions() -> int:
    """Delete subscriptions never confirmed within a week."""
    return services.subscriptions_purge_unconfirmed()
