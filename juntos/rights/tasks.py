"""Background work of the rights library: alerts, digests and scheduled publication."""

from __future__ import annotations

from django_tasks import task

from juntos.rights import services


@task()
def send_version_alerts(*, version_id: int) -> int:
    """Alert every matching subscriber of a newly published version."""
    return services.alerts_create_for_version(version_id=version_id)


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
