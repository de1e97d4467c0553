"""Background tasks of monitoring."""

from __future__ import annotations

from django_tasks import task

from juntos.monitoring.opendata import open_data_regenerate


@task()
def regenerate_open_data() -> dict[str, int]:
    """Nightly: every open-data file of this year and the last, from the published figures."""
    return open_data_regenerate()
